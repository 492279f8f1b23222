/** The parse cache gives back exactly what the parser gave, and never a stale or damaged entry. */
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileDeckCache } from '../../src/deck/deck-cache.js';
import { findDeckFiles } from '../../src/deck/deck-files.js';
import { loadDeckFiles } from '../../src/deck/load-decks.js';
import { keyArray, type Card } from '../../src/deck/model.js';
import { parseDeckBytes } from '../../src/deck/parse-deck.js';
import { CrssError } from '../../src/errors.js';
import { tempDir } from '../helpers/run-crss.js';

const BUNDLED = join(import.meta.dirname, '../../decks');
const FIXTURES = join(import.meta.dirname, '../fixtures/valid');

/** Every field of a card, read by name (cached cards read text through getters). */
function fields(c: Card): Record<string, unknown> {
  const common = { deck: c.deck, id: c.id, key: c.key, topics: c.topics, line: c.line, domain: c.domain, source: c.source, kind: c.kind, formerly: c.formerly };
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

describe('the library entry', () => {
  /** Two decks in a folder of their own, loaded the way study and quiz load the library. */
  function library() {
    const decks = tempDir();
    for (const name of ['two-kinds.yaml', 'study.yaml']) writeFileSync(join(decks, name), readFileSync(join(FIXTURES, name)));
    const cacheDir = tempDir();
    const load = () => loadDeckFiles(findDeckFiles([decks]), fileDeckCache(cacheDir, '1'));
    return { decks, cacheDir, load, entry: join(cacheDir, 'library.cache') };
  }
  const summary = (loaded: Awaited<ReturnType<typeof loadDeckFiles>>) => loaded.decks.map((d) => [d.id, d.cards.map(fields)]);

  it('is written by a load that parsed, and gives the next load the same decks without opening their entries', async () => {
    const { decks, cacheDir, load, entry } = library();
    const parsed = await loadDeckFiles(findDeckFiles([decks]));
    const first = await load();
    expect(existsSync(entry)).toBe(true);
    // Without the per-deck entries, only the library entry can answer.
    for (const name of readdirSync(cacheDir)) if (name !== 'library.cache') rmSync(join(cacheDir, name));
    const files = findDeckFiles([decks]);
    const all = fileDeckCache(cacheDir, '1').getAll(files)!;
    expect(all.map((r) => r.deck?.id)).toEqual(['study-sample', 'sample']);
    expect(summary(await load())).toEqual(summary(parsed));
    expect(summary(first)).toEqual(summary(parsed));
  });

  it('misses when a deck changed, was added or removed, or crss changed, and is made again', async () => {
    const { decks, cacheDir, load } = library();
    await load();
    const files = () => findDeckFiles([decks]);
    expect(fileDeckCache(cacheDir, '1').getAll(files())).toBeDefined();
    expect(fileDeckCache(cacheDir, '2').getAll(files())).toBeUndefined();
    const two = join(decks, 'two-kinds.yaml');
    writeFileSync(two, readFileSync(two, 'utf8').replace('title:', 'title: Changed'));
    expect(fileDeckCache(cacheDir, '1').getAll(files())).toBeUndefined();
    const changed = await load();
    expect(changed.decks.find((d) => d.id === 'sample')?.title).toMatch(/^Changed/);
    expect(fileDeckCache(cacheDir, '1').getAll(files())).toBeDefined();
    writeFileSync(join(decks, 'third.yaml'), readFileSync(join(FIXTURES, 'study.yaml'), 'utf8').replace(/^deck: .*$/m, 'deck: third'));
    expect(fileDeckCache(cacheDir, '1').getAll(files())).toBeUndefined();
    expect((await load()).decks.map((d) => d.id)).toEqual(['study-sample', 'third', 'sample']);
    rmSync(join(decks, 'third.yaml'));
    expect(fileDeckCache(cacheDir, '1').getAll(files())).toBeUndefined();
  });

  it('is only a cache: cut short or overwritten with garbage, the decks are read again', async () => {
    const { decks, load, entry } = library();
    const parsed = summary(await loadDeckFiles(findDeckFiles([decks])));
    await load();
    const bytes = readFileSync(entry);
    writeFileSync(entry, bytes.subarray(0, bytes.length - 10));
    expect(summary(await load())).toEqual(parsed);
    writeFileSync(entry, 'crss-library v8 1\t5\n[[[[\n');
    expect(summary(await load())).toEqual(parsed);
  });
});
