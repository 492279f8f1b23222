/** `e` in study: the card in the learner's editor, then the deck reloaded (or just where the card is). */
import { isInteractive, type Context } from '../context.js';
import { loadUsableDecks } from '../deck/library.js';
import { indexOfKey, type Card, type Deck } from '../deck/model.js';
import { CrssError } from '../errors.js';
import { displayPath } from '../format/problems.js';
import { runEditor } from '../terminal/editor.js';
import type { EditResult } from '../terminal/study-loop.js';

/**
 * `e`: with an editor ($VISUAL or $EDITOR) and a terminal, opens the card's file at its line, then
 * reloads the decks and returns the card as it now reads; otherwise says where the card is.
 */
export async function editCard(ctx: Context, card: Card, file: string, terminal: { pause(): void; resume(): void }, warn: (line: string) => void): Promise<EditResult> {
  const place = `${displayPath(file, process.cwd())}:${card.line}`;
  // The id too: asked for, it may be shown before the answer (it is hidden until then otherwise).
  if (!ctx.env.editor || !isInteractive(ctx)) return { message: `Edit: ${place} · ${card.key}` };
  terminal.pause();
  let exitedWell: boolean;
  try {
    exitedWell = runEditor(ctx.env.editor, file, card.line);
  } finally {
    terminal.resume();
  }
  let decks: Deck[];
  try {
    decks = await loadUsableDecks(ctx.env, warn);
  } catch (error) {
    // No valid deck left after the edit: the session goes on with the cards it has.
    if (error instanceof CrssError) return { message: `${error.message}; the card stays as it was for this session.` };
    throw error;
  }
  const edited = findCard(decks, card.deck, card.key);
  if (!edited) return { message: `${card.key} is no longer in ${displayPath(file, process.cwd())} (or the deck has errors: crss validate); it stays as it was for this session.` };
  return { card: edited, message: exitedWell ? `Reloaded from ${displayPath(file, process.cwd())}:${edited.line}.` : `The editor did not exit cleanly; reloaded from ${place} anyway.` };
}

function findCard(decks: Deck[], deckId: string, key: string): Card | undefined {
  const deck = decks.find((d) => d.id === deckId);
  if (!deck) return undefined;
  if (!deck.lazy) return deck.cards.find((c) => c.key === key);
  const at = indexOfKey(deck.lazy.keys, key);
  return at === -1 ? undefined : deck.lazy.card(at);
}
