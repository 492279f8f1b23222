/**
 * Drives a study session from input to screen. Each rating's events are appended durably (through
 * `save`) before the next card is shown, so a crash never loses an acknowledged rating.
 *
 * Once the answer shows, crss proposes a rating that Enter (or Space) accepts, as in Anki: Good, or,
 * after a question card answered by its letter, Good when right and Again when wrong.
 */
import type { Colors } from './color.js';
import type { HistoryEvent, Rating } from '../core/events.js';
import type { StudySession } from '../core/study-session.js';
import type { Card } from '../deck/model.js';
import { formatAnswer, formatCardHeader, formatLetterFeedback, formatPrompt, formatRatingKeys, formatStatus, RATING_LABELS, studyOptions } from '../format/study-card.js';
import { LETTERS } from '../core/random.js';
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
/** Plain mode's commands, as letters and as words (a word still works where a letter answers a question). */
const COMMANDS: Record<string, StudyAction> = {
  u: { type: 'undo' },
  undo: { type: 'undo' },
  s: { type: 'suspend' },
  suspend: { type: 'suspend' },
  b: { type: 'bury' },
  bury: { type: 'bury' },
  e: { type: 'edit' },
  edit: { type: 'edit' },
  q: { type: 'quit' },
  quit: { type: 'quit' },
};

/** One line of the plain protocol. */
export function parsePlainLine(line: string): StudyAction {
  const stop = stopOf(line);
  if (stop) return { type: 'stop', stop };
  const text = line.trim().toLowerCase();
  if (text === '') return { type: 'reveal' };
  const rating = RATING_WORDS[text];
  if (rating) return { type: 'rate', rating };
  return COMMANDS[text] ?? { type: 'unknown', input: line };
}

/** One key in terminal mode. */
export function parseKey(key: string): StudyAction {
  if (key === ' ' || key === '\r' || key === '\n') return { type: 'reveal' };
  return parsePlainLine(key);
}

/** The option a letter picks on a question card, if the input is one of its letters. */
function letterChoice(raw: string, card: Card | undefined): number | undefined {
  if (card?.kind !== 'question') return undefined;
  const i = LETTERS.indexOf(raw.trim().toUpperCase());
  return raw.trim().length === 1 && i >= 0 && i < card.distractors.length + 1 ? i : undefined;
}

/** What `e` did: the card as reloaded after an editor, and/or a line to show. */
export interface EditResult {
  card?: Card;
  message?: string;
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
  /** `e`: opens the card in the learner's editor, or says where it lives. */
  edit: (card: Card) => Promise<EditResult>;
}

/** How a session ended: its queue ran out, q or end of input, or a stop from outside (Ctrl-C, a signal). */
export type StudyEnd = 'done' | 'quit' | Stop;

const GOOD: Rating = 3;
const AGAIN: Rating = 1;

/** Runs until the queue is empty, `q`, end of input or a stop (Ctrl-C, SIGTERM, SIGHUP). */
export async function runStudyLoop(session: StudySession, io: StudyLoopIO, startedAt: Date): Promise<StudyEnd> {
  const { screen, colors } = io;
  let shownAt = io.now();
  let revealed = false;
  let proposal: Rating = GOOD;
  const show = () => {
    const now = io.now();
    const current = session.next(now);
    if (!current) return false;
    shownAt = now;
    revealed = false;
    proposal = GOOD;
    screen.card(formatCardHeader(current, colors), formatPrompt(current.card, colors), formatStatus(current, session.counts(), now.getTime() - startedAt.getTime()), current.card.kind === 'question');
    return true;
  };
  const reveal = (feedback?: string) => {
    const card = session.currentCard();
    if (!card || revealed) return;
    revealed = true;
    const now = io.now();
    const answer = formatAnswer(card, colors);
    screen.answer(feedback ? `${feedback}\n${answer}` : answer, formatRatingKeys(session.preview(now), now, colors), `${proposal} ${RATING_LABELS[proposal]}`);
  };
  /** Shows the next card, then a note about what was just done (a note shown first would be drawn over). */
  const next = (note?: string) => {
    const more = show();
    if (note) screen.message(note);
    return more;
  };
  if (!show()) return 'done';
  for (;;) {
    const raw = await io.input.next();
    if (raw === null) return 'quit';
    const card = session.currentCard();
    const choice = revealed ? undefined : letterChoice(raw, card);
    if (choice !== undefined && card?.kind === 'question') {
      const right = studyOptions(card).indexOf(card.answer);
      proposal = choice === right ? GOOD : AGAIN;
      reveal(formatLetterFeedback(card, choice, colors));
      continue;
    }
    const action = io.parse(raw);
    const now = io.now();
    switch (action.type) {
      case 'stop':
        return action.stop;
      case 'quit':
        return 'quit';
      case 'reveal':
        if (!revealed) {
          reveal();
          break;
        }
        if (!rate(proposal)) return 'done';
        break;
      case 'rate':
        if (!revealed) {
          if (!io.rateRevealsFirst) {
            screen.message('Show the answer first (Space), then rate it.');
            break;
          }
          reveal();
        }
        if (!rate(action.rating)) return 'done';
        break;
      case 'undo':
        if (!session.canUndo()) {
          screen.message('Nothing to undo.');
          break;
        }
        io.save(session.undo(now));
        show();
        break;
      case 'suspend': {
        const key = card?.key ?? '';
        io.save(session.suspend(now));
        if (!next(`Suspended ${sanitizeLine(key)} until crss unsuspend ${sanitizeLine(key)}; u undoes it.`)) return 'done';
        break;
      }
      case 'bury':
        io.save(session.bury(now));
        if (!next('Buried that card until tomorrow; u undoes it.')) return 'done';
        break;
      case 'edit': {
        if (!card) break;
        const result = await io.edit(card);
        if (result.card) {
          session.replaceCard(result.card);
          show();
        }
        // It may name the deck file, whose name may hold anything a file system allows.
        if (result.message) screen.message(sanitizeLine(result.message));
        break;
      }
      case 'unknown':
        screen.message(`Unknown input '${sanitizeLine(action.input)}': Enter shows the answer, then rates it Good; 1-4 rate, u undo, s suspend, b bury, e edit, q quit.`);
        break;
    }
  }

  /** Rates the current card, saves it, and shows the next one (false: none is left). */
  function rate(rating: Rating): boolean {
    const now = io.now();
    const outcome = session.rate(rating, now, now.getTime() - shownAt.getTime());
    io.save(outcome.events);
    return next(outcome.leech ? colors.yellow('That card is a leech (forgotten 8 times) and is now suspended. Rewrite it, then crss unsuspend it.') : undefined);
  }
}
