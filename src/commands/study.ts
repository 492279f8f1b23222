/** `crss study`: today's reviews and new cards, or a cram session, with every rating saved at once. */
import { isInteractive, printErr, printOut, stdoutColors, type Context } from '../context.js';
import { selectForStudy } from '../core/catalog.js';
import { addDays } from '../core/day.js';
import { randomHex } from '../core/random.js';
import { usedToday } from '../core/study-plan.js';
import { StudySession } from '../core/study-session.js';
import { contentHash } from '../deck/content-hash.js';
import { loadUsableDecks } from '../deck/library.js';
import { indexOfKey, type Card, type Deck } from '../deck/model.js';
import { usageError } from '../errors.js';
import { displayPath } from '../format/problems.js';
import { formatNewLimit, formatSummary } from '../format/study-card.js';
import { createScheduler } from '../scheduler/fsrs.js';
import { deviceId } from '../store/device.js';
import { openStore } from '../store/store.js';
import { examDateOf, loadSettings } from './config.js';
import { runEditor } from '../terminal/editor.js';
import { openSessionTerminal, STOP_EXIT_CODES } from '../terminal/session-terminal.js';
import { parseKey, parsePlainLine, runStudyLoop, type EditResult, type StudyEnd } from '../terminal/study-loop.js';
import { plainScreen, terminalScreen } from '../terminal/study-screen.js';

export interface StudyOptions {
  topic?: string[];
  deck?: string[];
  new?: string;
  limit?: string;
  cram?: boolean;
  examDate?: string;
  plain?: boolean;
}

function count(text: string | undefined, name: string, fallback: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text)) throw usageError(`${name} must be a whole number, not '${text}'`);
  return Number(text);
}

export async function study(ctx: Context, options: StudyOptions): Promise<number> {
  const warn = (line: string) => printErr(ctx, `crss: ${line}`);
  const settings = loadSettings(ctx.env.dataDir);
  const newPerDay = count(options.new, '--new', settings.newPerDay);
  const reviewsPerDay = count(options.limit, '--limit', settings.reviewsPerDay);
  const exam = examDateOf(options.examDate, settings, ctx.now());

  const decks = await loadUsableDecks(ctx.env, warn);
  const selection = selectForStudy(decks, { topics: options.topic, decks: options.deck });
  const device = deviceId(ctx.env);
  const store = openStore({ dataDir: ctx.env.dataDir, device, mode: 'write', now: ctx.now, warn });
  try {
    const startedAt = ctx.now();
    const session = sessionId();
    const used = usedToday(store.state.cards, startedAt);
    const studySession = new StudySession(selection, store.state.cards, createScheduler({
      retention: settings.retention,
      maxIntervalDays: settings.maxInterval,
      fuzz: true,
      ...(settings.weights ? { weights: settings.weights } : {}),
      ...(exam ? { dueBy: addDays(exam.day, -1) } : {}),
    }), {
      now: startedAt,
      newLeft: newPerDay - used.introduced,
      reviewsLeft: reviewsPerDay - used.reviewed,
      cram: options.cram ?? false,
      nextEventId: eventIds(device, session),
      session,
      contentHash,
    });
    const plain = options.plain || !isInteractive(ctx);
    const colors = await stdoutColors(ctx, plain);
    const terminal = openSessionTerminal(ctx.stdin, ctx.stdout, { plain, cursor: ctx.env.cursor });
    const screen = terminal.canvas ? terminalScreen(terminal.canvas, colors.dim) : plainScreen(ctx.stdout);
    const files = new Map(decks.map((d) => [d.id, d.file]));
    let end: StudyEnd;
    try {
      end = await runStudyLoop(studySession, {
        input: terminal.input,
        parse: plain ? parsePlainLine : parseKey,
        screen,
        colors,
        now: ctx.now,
        save: (events) => events.forEach((e) => store.append(e)),
        rateRevealsFirst: plain,
        edit: (card) => editCard(ctx, card, files.get(card.deck) ?? '', { pause: terminal.pause, resume: terminal.resume }, warn),
      }, startedAt);
    } finally {
      terminal.restore();
    }
    // Stopped or not, the session ends with its summary: every rating is already saved.
    const endedAt = ctx.now();
    const nextDue = studySession.nextDue(endedAt);
    const heldBack = studySession.newHeldBack();
    if (studySession.shownCount() === 0) printOut(ctx, heldBack > 0 ? 'Nothing else is due now.' : 'Nothing is due now. Come back later, or cram with crss study --cram.');
    if (heldBack > 0 && (end === 'done' || studySession.shownCount() === 0)) printOut(ctx, formatNewLimit(heldBack, newPerDay));
    printOut(ctx, formatSummary({
      stats: studySession.stats,
      elapsedMs: endedAt.getTime() - startedAt.getTime(),
      cram: options.cram ?? false,
      laterToday: studySession.laterToday(),
      missedWaiting: studySession.missedWaiting(),
      ...(nextDue ? { nextDue } : {}),
      now: endedAt,
      ...(exam ? { examDate: exam.text } : {}),
    }, colors));
    return end === 'done' || end === 'quit' ? 0 : STOP_EXIT_CODES[end];
  } finally {
    store.close();
  }
}

/**
 * `e`: with an editor ($VISUAL or $EDITOR) and a terminal, opens the card's file at its line, then
 * reloads the decks and returns the card as it now reads; otherwise says where the card is.
 */
async function editCard(ctx: Context, card: Card, file: string, terminal: { pause(): void; resume(): void }, warn: (line: string) => void): Promise<EditResult> {
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
  const edited = findCard(await loadUsableDecks(ctx.env, warn), card.deck, card.key);
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

function sessionId(): string {
  return randomHex(8);
}

function eventIds(device: string, session: string): () => string {
  let seq = 0;
  return () => `${device}-${session}-${++seq}`;
}
