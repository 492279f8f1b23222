/** `crss search` and `crss show`: find cards by their words, and see one whole with its history. Read-only. */
import { printErr, printOut, type Context } from '../context.js';
import { cardHistory, searchCards, statusOf } from '../core/card-search.js';
import { selectCards } from '../core/catalog.js';
import { currentKey, formerKeysOf, type FormerKeys } from '../core/former-keys.js';
import { unknownNameMessage } from '../core/nearest.js';
import { loadUsableDecks } from '../deck/library.js';
import type { Card } from '../deck/model.js';
import { usageError } from '../errors.js';
import { formatCardView, formatSearchResults } from '../format/card-view.js';
import { displayPath } from '../format/problems.js';
import { deviceId } from '../store/device.js';
import { openStore, type Store } from '../store/store.js';

export interface SearchOptions {
  topic?: string[];
  deck?: string[];
  suspended?: boolean;
  leeches?: boolean;
  json?: boolean;
}

/** The history, with renamed cards of these decks under their current keys. */
function withStore<T>(ctx: Context, formerKeys: FormerKeys, use: (store: Store) => T): T {
  const store = openStore({ dataDir: ctx.env.dataDir, device: deviceId(ctx.env), mode: 'read', now: ctx.now, warn: (m) => printErr(ctx, `crss: ${m}`), formerKeys });
  try {
    return use(store);
  } finally {
    store.close();
  }
}

export async function search(ctx: Context, text: string | undefined, options: SearchOptions): Promise<number> {
  if ((text ?? '').trim() === '' && !options.suspended && !options.leeches) throw usageError('search for what? give some words, or --suspended or --leeches');
  const decks = await loadUsableDecks(ctx.env, (line) => printErr(ctx, `crss: ${line}`));
  const cards = selectCards(decks, { topics: options.topic, decks: options.deck });
  const now = ctx.now();
  return withStore(ctx, formerKeysOf(decks), (store) => {
    const status = (key: string) => statusOf(store.state.cards.get(key), now);
    const found = searchCards(cards, text ?? '', status, options);
    if (options.json) printOut(ctx, JSON.stringify(found.map((c) => ({ key: c.key, kind: c.kind, prompt: c.kind === 'flashcard' ? c.front : c.question, ...status(c.key) })), null, 2));
    else printOut(ctx, formatSearchResults(found, (c) => status(c.key), now));
    return 0;
  });
}

export async function show(ctx: Context, given: string, options: { json?: boolean }): Promise<number> {
  const decks = await loadUsableDecks(ctx.env, (line) => printErr(ctx, `crss: ${line}`));
  // A former id (a card's `formerly`) shows the card it was renamed to.
  const formerKeys = formerKeysOf(decks);
  const key = currentKey(formerKeys, given);
  if (key !== given) printErr(ctx, `crss: ${given} is now ${key}`);
  const deck = decks.find((d) => d.id === key.slice(0, key.indexOf('/')));
  const card = deck?.cards.find((c) => c.key === key);
  if (!deck || !card) {
    const known = deck ? deck.cards.map((c) => c.key) : decks.map((d) => `${d.id}/`);
    throw usageError(unknownNameMessage('card', key, known, deck ? `crss search --deck ${deck.id}` : 'crss decks'));
  }
  const now = ctx.now();
  return withStore(ctx, formerKeys, (store) => {
    const record = store.state.cards.get(key);
    const history = cardHistory(store.events(), key);
    const status = statusOf(record, now);
    if (options.json) {
      printOut(ctx, JSON.stringify({ card: cardFields(card), file: deck.file, line: card.line, status, schedule: record?.schedule ?? null, history }, null, 2));
      return 0;
    }
    const s = record?.schedule;
    const memory = s ? { stability: s.stability, difficulty: s.difficulty, reps: s.reps, lapses: s.lapses } : {};
    printOut(ctx, formatCardView({ card, file: displayPath(deck.file, process.cwd()), status, ...memory, history, undone: store.state.undone, now }));
    return 0;
  });
}

/** A card's fields by name: a cached card reads its text lazily, so spreading it would miss them. */
function cardFields(c: Card): Record<string, unknown> {
  const common = { key: c.key, deck: c.deck, id: c.id, kind: c.kind, topics: c.topics, domain: c.domain, source: c.source, ...(c.formerly ? { formerly: c.formerly } : {}) };
  return c.kind === 'flashcard'
    ? { ...common, front: c.front, back: c.back }
    : { ...common, question: c.question, answer: c.answer, distractors: c.distractors, explanation: c.explanation };
}
