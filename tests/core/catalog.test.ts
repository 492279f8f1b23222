/** Choosing cards: selectForStudy gives what selectCards gives, without making a cached deck's cards. */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { selectCards, selectForStudy } from '../../src/core/catalog.js';
import { fileDeckCache } from '../../src/deck/deck-cache.js';
import { keyArray, type Deck } from '../../src/deck/model.js';
import { parseDeckBytes } from '../../src/deck/parse-deck.js';
import { CrssError } from '../../src/errors.js';
import { tempDir } from '../helpers/run-crss.js';

const DECKS = join(import.meta.dirname, '../../decks');
const parsed = ['relationships', 'advocacy', 'mentoring'].map((name) => {
  const file = join(DECKS, `${name}.yaml`);
  return parseDeckBytes(readFileSync(file), file).deck!;
});

function cached(): Deck[] {
  const cache = fileDeckCache(tempDir(), '1');
  return parsed.map((deck) => {
    cache.set(deck.file, statSync(deck.file), { deck, problems: [] });
    return cache.get(deck.file, statSync(deck.file))!.deck!;
  });
}

describe('selectForStudy', () => {
  it.each([{}, { decks: ['advocacy'] }, { decks: ['mentoring', 'relationships'] }, { topics: ['trust'] }])('chooses the cards selectCards chooses, in order, for %o', (filter) => {
    for (const decks of [parsed, cached()]) {
      const expected = selectCards(decks, filter);
      const selection = selectForStudy(decks, filter);
      expect(keyArray(selection.keys)).toEqual(expected.map((c) => c.key));
      expected.forEach((card, at) => expect(selection.card(at).key).toBe(card.key));
      expect(selection.card(expected.length - 1).line).toBe(expected.at(-1)!.line);
    }
  });

  it('refuses an unknown deck as selectCards does', () => {
    expect(() => selectForStudy(parsed, { decks: ['advocasy'] })).toThrow(CrssError);
    expect(() => selectForStudy(parsed, { decks: ['advocasy'] })).toThrow(/did you mean 'advocacy'/);
  });
});
