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

/** A valid deck of `cards` cards, half flashcards and half questions, about 200 bytes a card. */
export function writeDeck(dir, name, cards) {
  mkdirSync(dir, { recursive: true });
  const lines = [`deck: ${name}`, `title: Generated ${cards}`, 'domain: mentoring', 'topics: [generated]', 'cards:'];
  for (let i = 0; i < cards; i++) {
    if (i % 2 === 0) {
      lines.push(`  - id: card-${i}`, `    front: What about ${sentence(i, 8)} ${own(i)}?`, `    back: ${sentence(i + 1, 12)} ${own(i + 1)}.`, '    source: https://example.org/facts');
    } else {
      lines.push(
        `  - id: card-${i}`,
        `    question: Which fits ${sentence(i, 8)} ${own(i)}?`,
        `    answer: ${sentence(i + 2, 5)} ${own(i + 2)}`,
        `    distractors: ["${sentence(i + 3, 5)} a", "${sentence(i + 4, 5)} b", "${sentence(i + 5, 5)} c"]`,
        `    explanation: ${sentence(i + 6, 10)}.`,
        '    source: https://example.org/facts',
      );
    }
  }
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}
