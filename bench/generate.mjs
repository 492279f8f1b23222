// Generates large decks and histories for the benchmarks (never committed; written under .bench/).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const WORDS = 'trust rapport listening empathy hope recovery strengths peer support collaboration choice person plan goal story voice'.split(' ');

function sentence(i, n) {
  const out = [];
  for (let k = 0; k < n; k++) out.push(WORDS[(i * 7 + k * 13) % WORDS.length]);
  return out.join(' ');
}

/** Words of this card alone, as real cards have (without them every card would be a near-duplicate of every other). */
function own(i) {
  const id = i.toString(36);
  return `k${id}a k${id}b k${id}c`;
}

/**
 * The options of question i: an answer and three distractors of the same shape (common words, then
 * words of their own). Like a deck that passes the lint: every common word of the answer is in a
 * distractor too (no stem echo), and the answer is strictly the longest option in a quarter of the
 * questions, never strictly the shortest (no length cue).
 */
function options(i) {
  const id = (i + 2).toString(36);
  const common = sentence(i + 2, 5);
  const q = i >> 1; // the how-manieth question
  const extra = (who) => ((q % 4 === 0 && who === 'k') || (q % 4 === 2 && who === 'p') ? 'x' : '');
  const option = (who) => `${common} ${who}${id}a ${who}${id}b ${who}${id}c${extra(who)}`;
  return { answer: option('k'), distractors: ['p', 'q', 'r'].map(option) };
}

/**
 * A valid deck of `cards` cards, half flashcards and half questions, about 200 bytes a card. With
 * `warnings`, the questions are those of the first version of this benchmark: about 8,700 lint warnings
 * for 20,000 cards (an answer repeating a word of its question, an answer far longer than its
 * distractors), to show what a long report adds.
 */
export function writeDeck(dir, name, cards, { warnings = false } = {}) {
  mkdirSync(dir, { recursive: true });
  const lines = [`deck: ${name}`, `title: Generated ${cards}`, 'domain: mentoring', 'topics: [generated]', 'cards:'];
  for (let i = 0; i < cards; i++) {
    if (i % 2 === 0) {
      lines.push(`  - id: card-${i}`, `    front: What about ${sentence(i, 8)} ${own(i)}?`, `    back: ${sentence(i + 1, 12)} ${own(i + 1)}.`, '    source: https://example.org/facts');
      continue;
    }
    const { answer, distractors } = warnings
      ? { answer: `${sentence(i + 2, 5)} ${own(i + 2)}`, distractors: [`${sentence(i + 3, 5)} a`, `${sentence(i + 4, 5)} b`, `${sentence(i + 5, 5)} c`] }
      : options(i);
    lines.push(
      `  - id: card-${i}`,
      `    question: Which fits ${sentence(i, 8)} ${own(i)}?`,
      `    answer: ${answer}`,
      `    distractors: [${distractors.map((d) => `"${d}"`).join(', ')}]`,
      `    explanation: ${sentence(i + 6, 10)}.`,
      '    source: https://example.org/facts',
    );
  }
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}
