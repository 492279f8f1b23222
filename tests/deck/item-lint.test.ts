/** The item-writing lint: each rule has a fixture that breaks it once and one that passes, as validate runs it. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintDecks } from '../../src/deck/item-lint.js';
import { findNearDuplicates } from '../../src/deck/near-duplicates.js';
import { parseDeckBytes } from '../../src/deck/parse-deck.js';
import { LintRule } from '../../src/deck/rules.js';
import type { Card, Deck } from '../../src/deck/model.js';
import { runCrss } from '../helpers/run-crss.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/lint');

function deckOf(name: string): Deck {
  const path = join(FIXTURES, name);
  const { deck, problems } = parseDeckBytes(readFileSync(path), path);
  expect(problems).toEqual([]);
  return deck!;
}

/** rule -> [line, column, message] of the one problem its failing fixture gives. */
const EXPECTED: Record<string, [number, number, string]> = {
  'id-gives-answer': [4, 5, "the card id 'q-contemplation-stage' holds 'contemplation', a word of the answer that no distractor has (rename the id after the idea, not the answer)"],
  'length-cue': [1, 7, 'the answer is strictly the longest option in 0% of 10 questions (target 15-35%): learners can bet against the longest option'],
  'long-answer': [4, 5, 'the answer is 3.7x the longest distractor (under 1.5x: shorten it or give a distractor the same detail)'],
  'option-by-place': [4, 5, "the explanation names an option by place ('first distractor'), but options are shuffled: name it by what it says"],
  'stem-echo': [4, 5, "'weekends' from the question is repeated in the answer and in no distractor"],
  'near-duplicate': [8, 5, `94% the same as lint-twins/ips-tasks (near-duplicate.fail.yaml:4); keep the fact on one card (threshold 80%)`],
};

describe('item-writing lint', () => {
  it('has a failing and a passing fixture for every rule', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(Object.values(LintRule).sort());
  });

  for (const [rule, [line, column, message]] of Object.entries(EXPECTED)) {
    it(`${rule}: the failing fixture gives it once, at ${line}:${column}; the passing one gives nothing`, () => {
      const fail = join(FIXTURES, `${rule}.fail.yaml`);
      const found = lintDecks([deckOf(`${rule}.fail.yaml`)], { displayPath: (f) => f.slice(FIXTURES.length + 1) });
      expect(found).toEqual([{ file: fail, line, column, severity: 'warning', rule, message }]);
      expect(lintDecks([deckOf(`${rule}.pass.yaml`)])).toEqual([]);
    });
  }

  it('is an error under --strict', () => {
    expect(lintDecks([deckOf('stem-echo.fail.yaml')], { strict: true }).map((p) => p.severity)).toEqual(['error']);
  });

  it('finds near-duplicates across decks, naming both places', () => {
    const a = deckOf('near-duplicate.pass.yaml');
    const b = { ...deckOf('near-duplicate.fail.yaml'), id: 'other', file: '/elsewhere/other.yaml' };
    b.cards = b.cards.map((c) => ({ ...c, deck: 'other', key: `other/${c.id}` }));
    const found = lintDecks([a, b]).filter((p) => p.rule === LintRule.nearDuplicate);
    const pass = join(FIXTURES, 'near-duplicate.pass.yaml');
    // Each card once, against its earliest twin.
    expect(found.map((p) => `${p.file}:${p.line} ${p.message.split(';')[0]}`)).toEqual([
      `/elsewhere/other.yaml:4 100% the same as lint-twins/ips-tasks (${pass}:4)`,
      `/elsewhere/other.yaml:8 94% the same as lint-twins/ips-tasks (${pass}:4)`,
    ]);
  });

  it('near-duplicate search agrees with comparing every pair, on many cards', () => {
    // Prefix filtering must not miss a twin: compare it with the plain quadratic search on varied cards.
    const base = deckOf('near-duplicate.fail.yaml').cards[0]!;
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const vocabulary = Array.from({ length: 200 }, (_, i) => `w${i.toString(36)}x`);
    const pick = () => vocabulary[Math.floor(random() * vocabulary.length)]!;
    // Twenty sentences, each copied with zero to three words changed: many pairs near the threshold.
    const sentences = Array.from({ length: 20 }, () => Array.from({ length: 6 + Math.floor(random() * 10) }, pick));
    const cards: Card[] = Array.from({ length: 300 }, (_, i) => {
      const words = sentences[i % 20]!.slice();
      for (let k = Math.floor(random() * 4); k > 0; k--) words[Math.floor(random() * words.length)] = pick();
      return { ...base, id: `c${i}`, key: `d/c${i}`, kind: 'flashcard', front: words.join(' '), back: 'x' } as Card;
    });
    const fast = findNearDuplicates(cards).map((d) => `${d.first.id}-${d.second.id}`);
    const slow: string[] = [];
    for (let j = 0; j < cards.length; j++) {
      const i = cards.findIndex((c, k) => k < j && findNearDuplicates([c, cards[j]!]).length > 0);
      if (i >= 0) slow.push(`c${i}-c${j}`);
    }
    expect(fast.length).toBeGreaterThan(100);
    expect(fast).toEqual(slow);
  });

  it('copes with a hostile deck, 20,000 cards written from a dozen words: each card reported once', () => {
    const base = deckOf('near-duplicate.fail.yaml').cards[0]!;
    const words = 'trust rapport hope peer story plan goal voice choice care share need'.split(' ');
    const cards: Card[] = Array.from({ length: 20_000 }, (_, i) => {
      const text = Array.from({ length: 10 }, (_, k) => words[(i * 7 + k * 5) % words.length]).join(' ');
      return { ...base, id: `c${i}`, key: `d/c${i}`, kind: 'flashcard', front: text, back: 'y' } as Card;
    });
    const found = findNearDuplicates(cards);
    // Nearly every card has an earlier twin, and each is reported once.
    expect(found.length).toBeGreaterThan(19_000);
    expect(new Set(found.map((d) => d.second.id)).size).toBe(found.length);
  });
});

describe('crss validate with the lint', () => {
  it('warns (exit 0), and fails under --strict (exit 1), with file:line:col and the rule id', () => {
    const file = join(FIXTURES, 'option-by-place.fail.yaml');
    const relaxed = runCrss(['validate', file]);
    expect(relaxed.status).toBe(0);
    expect(relaxed.stdout).toContain(`option-by-place.fail.yaml:4:5: warning: the explanation names an option by place ('first distractor'), but options are shuffled: name it by what it says [option-by-place]`);
    const strict = runCrss(['validate', '--strict', file]);
    expect(strict.status).toBe(1);
    expect(strict.stdout).toContain(`option-by-place.fail.yaml:4:5: error: the explanation names an option by place`);
  });
});
