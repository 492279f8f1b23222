/** The parse cache gives back exactly what the parser gave, and never a stale or damaged entry. */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileDeckCache } from '../../src/deck/deck-cache.js';
import { keyArray, type Card } from '../../src/deck/model.js';
import { parseDeckBytes } from '../../src/deck/parse-deck.js';
import { CrssError } from '../../src/errors.js';
import { tempDir } from '../helpers/run-crss.js';

const BUNDLED = join(import.meta.dirname, '../../decks');
const FIXTURES = join(import.meta.dirname, '../fixtures/valid');

/** Every field of a card, read by name (cached cards read text through getters). */
function fields(c: Card): Record<string, unknown> {
  const common = { deck: c.deck, id: c.id, key: c.key, topics: c.topics, line: c.line, domain: c.domain, source: c.source, kind: c.kind };
  return c.kind === 'flashcard'
    ? { ...common, front: c.front, back: c.back }
    : { ...common, question: c.question, answer: c.answer, distractors: c.distractors, explanation: c.explanation };
}

const deckFiles = [
  ...readdirSync(BUNDLED).filter((f) => f.endsWith('.yaml')).map((f) => join(BUNDLED, f)),
  ...readdirSync(FIXTURES).map((f) => join(FIXTURES, f)),
];

describe('the deck cache', () => {
  it.each(deckFiles)('gives back what the parser gave for %s', (file) => {
    const cache = fileDeckCache(tempDir(), '1.2.3');
    const parsed = parseDeckBytes(readFileSync(file), file);
    const stat = statSync(file);
    cache.set(file, stat, parsed);
    const cached = cache.get(file, stat)!;
    expect(cached.problems).toEqual(parsed.problems);
    const { cards: parsedCards, ...parsedHead } = parsed.deck!;
    const { cards: cachedCards, lazy, ...cachedHead } = cached.deck!;
    expect(cachedHead).toEqual(parsedHead);
    expect(cachedCards.map(fields)).toEqual(parsedCards.map(fields));
    // Without making every card: the keys, and any one card.
    expect(keyArray(lazy!.keys)).toEqual(parsedCards.map((c) => c.key));
    expect(parsedCards.map((_, i) => fields(lazy!.card(i)))).toEqual(parsedCards.map(fields));
  });

  it('keeps a deck that has only problems', () => {
    const cache = fileDeckCache(tempDir(), '1');
    const file = join(tempDir(), 'bad.yaml');
    writeFileSync(file, 'deck: [1\n');
    const parsed = parseDeckBytes(readFileSync(file), file);
    expect(parsed.deck).toBeNull();
    cache.set(file, statSync(file), parsed);
    expect(cache.get(file, statSync(file))).toEqual(parsed);
  });

  it('misses when the deck file changed, when crss changed, and when the entry was cut short', () => {
    const dir = tempDir();
    const file = join(tempDir(), 'deck.yaml');
    writeFileSync(file, readFileSync(join(FIXTURES, 'two-kinds.yaml')));
    const stat = statSync(file);
    fileDeckCache(dir, '1').set(file, stat, parseDeckBytes(readFileSync(file), file));
    expect(fileDeckCache(dir, '1').get(file, stat)).toBeDefined();
    expect(fileDeckCache(dir, '2').get(file, stat)).toBeUndefined();
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n`);
    expect(fileDeckCache(dir, '1').get(file, statSync(file))).toBeUndefined();

    fileDeckCache(dir, '1').set(file, statSync(file), parseDeckBytes(readFileSync(file), file));
    const [entry] = readdirSync(dir).map((f) => join(dir, f));
    const bytes = readFileSync(entry!);
    writeFileSync(entry!, bytes.subarray(0, bytes.length - 5));
    expect(fileDeckCache(dir, '1').get(file, statSync(file))).toBeUndefined();
  });

  it('names the entry to delete when a card text in it was damaged', () => {
    const dir = tempDir();
    const file = join(FIXTURES, 'two-kinds.yaml');
    const stat = statSync(file);
    fileDeckCache(dir, '1').set(file, stat, parseDeckBytes(readFileSync(file), file));
    const [entry] = readdirSync(dir).map((f) => join(dir, f));
    const bytes = readFileSync(entry!);
    bytes[bytes.lastIndexOf('"')] = 0x7b; // same length, no longer JSON
    writeFileSync(entry!, bytes);
    const deck = fileDeckCache(dir, '1').get(file, stat)!.deck!;
    const last = deck.cards.at(-1)!;
    expect(() => fields(last)).toThrow(CrssError);
    expect(() => fields(last)).toThrow(`the deck cache ${entry} is damaged; delete it and crss will rebuild it`);
  });
});
