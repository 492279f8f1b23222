/** `crss study`: today's reviews and new cards, or a cram session, with every rating saved at once. */
import { isInteractive, printErr, printOut, stdoutColors, type Context } from '../context.js';
import { selectForStudy } from '../core/catalog.js';
import { formerKeysOf } from '../core/former-keys.js';
import { addDays } from '../core/day.js';
import { randomHex } from '../core/random.js';
import { usedToday } from '../core/study-plan.js';
import { StudySession } from '../core/study-session.js';
import { contentHash } from '../deck/content-hash.js';
import { loadUsableDecks } from '../deck/library.js';
import { usageError } from '../errors.js';
import { formatNewLimit, formatSummary } from '../format/study-card.js';
import { createScheduler } from '../scheduler/fsrs.js';
import { deviceId } from '../store/device.js';
import { openStore } from '../store/store.js';
import { examDateOf, loadSettings } from './config.js';
import { openSessionTerminal, STOP_EXIT_CODES } from '../terminal/session-terminal.js';
import { parseKey, parsePlainLine, runStudyLoop, type StudyEnd } from '../terminal/study-loop.js';
import { editCard } from './study-edit.js';
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
  const store = openStore({ dataDir: ctx.env.dataDir, device, mode: 'write', now: ctx.now, warn, formerKeys: formerKeysOf(decks) });
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
    if (studySession.shownCount() === 0) printOut(ctx, heldBack > 0 ? 'Nothing is due now.' : 'Nothing is due now. Come back later, or cram with crss study --cram.');
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

function sessionId(): string {
  return randomHex(8);
}

function eventIds(device: string, session: string): () => string {
  let seq = 0;
  return () => `${device}-${session}-${++seq}`;
}
