// Generates large decks and histories for the benchmarks (never committed; written under .bench/).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const WORDS = 'trust rapport listening empathy hope recovery strengths peer support collaboration choice person plan goal story voice'.split(' ');

function sentence(i, n) {
  const out = [];
  for (let k = 0; k < n; k++) out.push(WORDS[(i * 7 + k * 13) % WORDS.length]);
  return out.join(' ');
}

/** A valid deck of `cards` cards, half flashcards and half questions, about 200 bytes a card. */
export function writeDeck(dir, name, cards) {
  mkdirSync(dir, { recursive: true });
  const lines = [`deck: ${name}`, `title: Generated ${cards}`, 'domain: mentoring', 'topics: [generated]', 'cards:'];
  for (let i = 0; i < cards; i++) {
    if (i % 2 === 0) {
      lines.push(`  - id: card-${i}`, `    front: What about ${sentence(i, 8)} number ${i}?`, `    back: ${sentence(i + 1, 12)}.`, '    source: https://example.org/facts');
    } else {
      lines.push(
        `  - id: card-${i}`,
        `    question: Which fits ${sentence(i, 8)} case ${i}?`,
        `    answer: ${sentence(i + 2, 5)} ${i}`,
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
