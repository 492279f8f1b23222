/**
 * Drives a study session from input to screen. Each rating's events are appended durably (through
 * `save`) before the next card is shown, so a crash never loses an acknowledged rating.
 */
import type { Colors } from './color.js';
import type { HistoryEvent, Rating } from '../core/events.js';
import type { StudySession } from '../core/study-session.js';
import { formatAnswer, formatCardHeader, formatPrompt, formatRatingKeys, formatStatus } from '../format/study-card.js';
import type { InputSource } from './input.js';
import type { StudyScreen } from './study-screen.js';
import { sanitizeLine } from './sanitize.js';
import { stopOf, type Stop } from './session-terminal.js';

export type StudyAction =
  | { type: 'reveal' }
  | { type: 'rate'; rating: Rating }
  | { type: 'undo' }
  | { type: 'suspend' }
  | { type: 'bury' }
  | { type: 'edit' }
  | { type: 'quit' }
  | { type: 'stop'; stop: Stop }
  | { type: 'unknown'; input: string };

const RATING_WORDS: Record<string, Rating> = { '1': 1, '2': 2, '3': 3, '4': 4, again: 1, hard: 2, good: 3, easy: 4 };

/** One line of the plain protocol. */
export function parsePlainLine(line: string): StudyAction {
  const stop = stopOf(line);
  if (stop) return { type: 'stop', stop };
  const text = line.trim().toLowerCase();
  if (text === '') return { type: 'reveal' };
  const rating = RATING_WORDS[text];
  if (rating) return { type: 'rate', rating };
  const simple: Record<string, StudyAction> = { u: { type: 'undo' }, s: { type: 'suspend' }, b: { type: 'bury' }, e: { type: 'edit' }, q: { type: 'quit' } };
  return simple[text] ?? { type: 'unknown', input: line };
}

/** One key in terminal mode. */
export function parseKey(key: string): StudyAction {
  if (key === ' ' || key === '\r' || key === '\n') return { type: 'reveal' };
  return parsePlainLine(key);
}

export interface StudyLoopIO {
  input: InputSource;
  parse: (raw: string) => StudyAction;
  screen: StudyScreen;
  colors: Colors;
  now: () => Date;
  /** Appends events durably; returns only once they are on disk. */
  save: (events: HistoryEvent[]) => void;
  /** Whether a rating key works before the answer is shown (plain mode: yes, it reveals first). */
  rateRevealsFirst: boolean;
  /** Where a card lives, for `e`. */
  locate: (cardKey: string) => string;
}

/** How a session ended: its queue ran out, q or end of input, or a stop from outside (Ctrl-C, a signal). */
export type StudyEnd = 'done' | 'quit' | Stop;

/** Runs until the queue is empty, `q`, end of input or a stop (Ctrl-C, SIGTERM, SIGHUP). */
export async function runStudyLoop(session: StudySession, io: StudyLoopIO, startedAt: Date): Promise<StudyEnd> {
  const { screen, colors } = io;
  let shownAt = io.now();
  let revealed = false;
  const show = () => {
    const now = io.now();
    const current = session.next(now);
    if (!current) return false;
    shownAt = now;
    revealed = false;
    screen.card(formatCardHeader(current, colors), formatPrompt(current.card, colors), formatStatus(current, session.counts(), now.getTime() - startedAt.getTime()));
    return true;
  };
  const reveal = () => {
    const card = session.currentCard();
    if (!card || revealed) return;
    revealed = true;
    const now = io.now();
    screen.answer(formatAnswer(card, colors), formatRatingKeys(session.preview(now), now, colors));
  };
  if (!show()) return 'done';
  for (;;) {
    const raw = await io.input.next();
    if (raw === null) return 'quit';
    const action = io.parse(raw);
    const now = io.now();
    switch (action.type) {
      case 'stop':
        return action.stop;
      case 'quit':
        return 'quit';
      case 'reveal':
        reveal();
        break;
      case 'rate': {
        if (!revealed) {
          if (!io.rateRevealsFirst) {
            screen.message('Show the answer first (Space), then rate it.');
            break;
          }
          reveal();
        }
        const outcome = session.rate(action.rating, now, now.getTime() - shownAt.getTime());
        io.save(outcome.events);
        if (outcome.leech) screen.message(colors.yellow('This card is a leech (forgotten 8 times) and is now suspended. Rewrite it, then crss unsuspend it.'));
        if (!show()) return 'done';
        break;
      }
      case 'undo':
        if (!session.canUndo()) {
          screen.message('Nothing to undo.');
          break;
        }
        io.save(session.undo(now));
        show();
        break;
      case 'suspend':
        io.save(session.suspend(now));
        screen.message('Suspended.');
        if (!show()) return 'done';
        break;
      case 'bury':
        io.save(session.bury(now));
        screen.message('Buried until tomorrow.');
        if (!show()) return 'done';
        break;
      case 'edit': {
        const card = session.currentCard();
        if (card) screen.message(`Edit: ${io.locate(card.key)}`);
        break;
      }
      case 'unknown':
        screen.message(`Unknown input '${sanitizeLine(action.input)}': Enter shows the answer, 1-4 rate, u undo, s suspend, b bury, e edit, q quit.`);
        break;
    }
  }
}
