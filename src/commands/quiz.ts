/** `crss quiz`: exam practice, in tutor mode (feedback at once) or exam mode (timed, feedback at the end). */
import { isInteractive, printErr, printOut, type Context, type OutStream } from '../context.js';
import { selectCards } from '../core/catalog.js';
import { formerKeysOf } from '../core/former-keys.js';
import type { QuizAttemptInfo, QuizEvent, QuizFilter } from '../core/events.js';
import { buildQuiz, chooseQuestions, EXAM_QUESTIONS, EXAM_SECONDS_PER_QUESTION, missedQuestions, quizAnswerEvent, scoreQuiz, TUTOR_DEFAULT_COUNT } from '../core/quiz.js';
import { randomHex, seedFrom, seededRandom, type Random } from '../core/random.js';
import type { Deck, Question } from '../deck/model.js';
import { loadUsableDecks } from '../deck/library.js';
import { CrssError, usageError } from '../errors.js';
import { formatQuizSummary, quizItemsJson, repeatHint } from '../format/quiz.js';
import { deviceId } from '../store/device.js';
import { openStore, type Store } from '../store/store.js';
import { colorsFor } from '../terminal/color.js';
import { waitForExamStart } from '../terminal/exam-start.js';
import { runExam, runTutor } from '../terminal/quiz-runner.js';
import { openSessionTerminal, STOP_EXIT_CODES } from '../terminal/session-terminal.js';
import type { Settings } from '../core/settings.js';
import { examDateOf, loadSettings } from './config.js';

export interface QuizOptions {
  topic?: string[];
  domain?: string[];
  deck?: string[];
  count?: string;
  seed?: string;
  exam?: boolean;
  missed?: boolean;
  weak?: boolean;
  json?: boolean;
  plain?: boolean;
}

export async function quiz(ctx: Context, action: string | undefined, options: QuizOptions): Promise<number> {
  if (action !== undefined) {
    if (action !== 'history') throw usageError(`unknown quiz action '${action}' (crss quiz history lists past quizzes)`);
    const others = Object.keys(options).filter((o) => o !== 'json');
    if (others.length > 0) throw usageError(`crss quiz history takes only --json, not --${others[0]!.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`);
    return (await import('./quiz-history.js')).quizHistory(ctx, options);
  }
  const exam = options.exam ?? false;
  if (options.count !== undefined && !/^[1-9]\d*$/.test(options.count)) throw usageError(`--count must be a whole number above 0, not '${options.count}'`);
  if (options.seed !== undefined && options.seed.trim() === '') throw usageError('--seed must not be empty (any word or number repeats a quiz)');
  if (options.weak && (exam || options.missed)) throw usageError(`--weak cannot be combined with ${exam ? '--exam' : '--missed'}`);
  const settings = loadSettings(ctx.env.dataDir);
  examDateOf(undefined, settings, ctx.now()); // a configured exam date in the past is refused here too
  // The history loads at the first answer (store.ts), and a warning it gives then would be drawn over
  // by the next view: while a canvas is up, warnings wait for the terminal to be given back.
  let held: string[] | undefined;
  const warn = (line: string) => (held ? held.push(line) : printErr(ctx, `crss: ${line}`));
  const decks = await loadUsableDecks(ctx.env, warn);
  const matching = selectCards(decks, { topics: options.topic, domains: options.domain, decks: options.deck }).filter((c): c is Question => c.kind === 'question');
  const device = deviceId(ctx.env);
  // A quiz appends answers (the history loads at the first, for its stamp); --missed and --weak read it first.
  const store = openStore({ dataDir: ctx.env.dataDir, device, mode: 'append', now: ctx.now, warn, formerKeys: formerKeysOf(decks) });
  try {
    const seedText = options.seed ?? String(Math.floor(Math.random() * 2 ** 32));
    const random = seededRandom(seedFrom(seedText));
    const pool = await questionPool(matching, options, store, decks, settings, random, ctx.now());
    const wanted = options.count !== undefined ? Number(options.count) : exam ? EXAM_QUESTIONS : TUTOR_DEFAULT_COUNT;
    const plain = Boolean(options.plain || options.json || !isInteractive(ctx));
    // With --json, stdout carries only the result; everything else goes to stderr.
    const out: OutStream = options.json ? ctx.stderr : ctx.stdout;
    const colors = await colorsFor(out, ctx.env.color, plain);
    const say = (s: string) => out.write(`${s}\n`);
    if (wanted > pool.length) say(`Only ${pool.length} question${pool.length === 1 ? '' : 's'} match; using all of them.`);
    const count = Math.min(wanted, pool.length);
    // --weak keeps its order, weakest first; otherwise a random choice (an exam's spread over the domains).
    const items = buildQuiz(options.weak ? pool.slice(0, count) : chooseQuestions(pool, count, random, exam), random);
    const session = randomHex(8);
    let seq = 0;
    const terminal = openSessionTerminal(ctx.stdin, out, { plain, cursor: ctx.env.cursor });
    if (terminal.canvas) held = [];
    let run;
    let startedAt: Date;
    try {
      if (exam && terminal.canvas) {
        // In a terminal the clock starts only when the learner is ready; q leaves without an attempt.
        const start = await waitForExamStart(items.length, { input: terminal.input, canvas: terminal.canvas, colors });
        if (start !== 'start') {
          terminal.restore();
          if (start !== 'leave') return STOP_EXIT_CODES[start];
          say('Left before the exam started: nothing was recorded.');
          return 0;
        }
      } else if (exam) {
        say(`Exam mode: ${items.length} questions, ${Math.round((items.length * EXAM_SECONDS_PER_QUESTION) / 60)} minutes. No feedback until you submit.`);
      }
      startedAt = ctx.now();
      const attempt: QuizAttemptInfo = { startedAt: startedAt.toISOString(), questions: items.length, filter: filterOf(options) };
      const io = {
        input: terminal.input,
        plain,
        out,
        ...(terminal.canvas ? { canvas: terminal.canvas } : {}),
        colors,
        // Unref'd: a pending countdown must not keep the process alive once the quiz is over (a plain
        // setTimeout: node:timers/promises would cost start-up time).
        clock: { now: ctx.now, sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref()) },
        record: (index: number, choice: number | null, durationMs: number) => {
          store.append(quizAnswerEvent(items[index]!, choice, durationMs, { id: `${device}-${session}-${++seq}`, time: ctx.now().toISOString(), session, exam, attempt }));
        },
      };
      run = exam ? await runExam(items, io, new Date(startedAt.getTime() + items.length * EXAM_SECONDS_PER_QUESTION * 1000)) : await runTutor(items, io);
    } finally {
      terminal.restore();
      const waiting = held ?? [];
      held = undefined;
      for (const line of waiting) warn(line);
    }
    // A quiz stopped early is scored on the questions reached (exam: on all, unanswered count as wrong).
    const scored = exam ? items : items.slice(0, Math.max(run.answered, 0));
    const result = scoreQuiz(scored, run.choices.slice(0, scored.length).map((c) => (c === undefined ? undefined : { choice: c, durationMs: 0 })), exam);
    say('');
    say(formatQuizSummary({ result, items: scored, choices: run.choices, elapsedMs: ctx.now().getTime() - startedAt.getTime(), exam, answered: run.answered, timedOut: run.timedOut }, colors));
    say(colors.dim(repeatHint(seedText)));
    if (options.json) printOut(ctx, JSON.stringify({ ...result, items: quizItemsJson(items.slice(0, exam ? items.length : run.choices.length), run.choices) }));
    return run.stop ? STOP_EXIT_CODES[run.stop] : 0;
  } finally {
    store.close();
  }
}

/** The questions to choose from: the filters' matches, narrowed by --missed, ordered by --weak. */
async function questionPool(matching: Question[], options: QuizOptions, store: Store, decks: Deck[], settings: Settings, random: Random, now: Date): Promise<Question[]> {
  if (matching.length === 0) throw usageError('no questions match that selection (crss topics lists what there is)');
  if (!options.missed && !options.weak) return matching;
  const answers = [...store.events()].filter((e): e is QuizEvent => e.type === 'quiz');
  const missed = missedQuestions(answers);
  if (options.missed) {
    const pool = matching.filter((q) => missed.has(q.key));
    if (pool.length === 0) throw new CrssError('no missed questions to retake: every question you answered wrong has been answered right since');
    return pool;
  }
  // Loaded only for --weak: ts-fsrs gives the recall of each studied card.
  const { createScheduler } = await import('../scheduler/fsrs.js');
  const { weakestFirst } = await import('../core/weak-first.js');
  const scheduler = createScheduler({ retention: settings.retention, maxIntervalDays: settings.maxInterval, fuzz: false, ...(settings.weights ? { weights: settings.weights } : {}) });
  const records = store.state.cards;
  return weakestFirst({
    pool: matching,
    cards: selectCards(decks, {}),
    missed,
    answered: new Set(answers.map((a) => a.card)),
    scheduleOf: (key) => records.get(key)?.schedule ?? null,
    recall: (schedule) => scheduler.retrievability(schedule, now),
    desiredRetention: settings.retention,
    random,
  });
}

function filterOf(options: QuizOptions): QuizFilter {
  return {
    ...(options.topic?.length ? { topics: options.topic } : {}),
    ...(options.domain?.length ? { domains: options.domain } : {}),
    ...(options.deck?.length ? { decks: options.deck } : {}),
    ...(options.missed ? { missed: true } : {}),
    ...(options.weak ? { weak: true } : {}),
  };
}
