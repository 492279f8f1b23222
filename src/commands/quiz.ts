/** `crss quiz`: exam practice, in tutor mode (feedback at once) or exam mode (timed, feedback at the end). */
import { isInteractive, printErr, printOut, type Context, type OutStream } from '../context.js';
import { selectCards } from '../core/catalog.js';
import type { QuizEvent } from '../core/events.js';
import { buildQuiz, chooseQuestions, EXAM_QUESTIONS, EXAM_SECONDS_PER_QUESTION, missedQuestions, scoreQuiz, TUTOR_DEFAULT_COUNT } from '../core/quiz.js';
import { randomHex, seedFrom, seededRandom } from '../core/random.js';
import type { Question } from '../deck/model.js';
import { loadUsableDecks } from '../deck/library.js';
import { CrssError, usageError } from '../errors.js';
import { formatQuizSummary } from '../format/quiz.js';
import { deviceId } from '../store/device.js';
import { openStore } from '../store/store.js';
import { colorsFor } from '../terminal/color.js';
import { runExam, runTutor } from '../terminal/quiz-runner.js';
import { openSessionTerminal, STOP_EXIT_CODES } from '../terminal/session-terminal.js';

export interface QuizOptions {
  topic?: string[];
  domain?: string[];
  deck?: string[];
  count?: string;
  seed?: string;
  exam?: boolean;
  missed?: boolean;
  json?: boolean;
  plain?: boolean;
}

export async function quiz(ctx: Context, options: QuizOptions): Promise<number> {
  const exam = options.exam ?? false;
  if (options.count !== undefined && !/^[1-9]\d*$/.test(options.count)) throw usageError(`--count must be a whole number above 0, not '${options.count}'`);
  const warn = (line: string) => printErr(ctx, `crss: ${line}`);
  const decks = await loadUsableDecks(ctx.env, warn);
  const matching = selectCards(decks, { topics: options.topic, domains: options.domain, decks: options.deck }).filter((c): c is Question => c.kind === 'question');
  const device = deviceId(ctx.env);
  // A quiz appends answers and reads no state: the history itself is never loaded.
  const store = openStore({ dataDir: ctx.env.dataDir, device, mode: 'append', now: ctx.now, warn });
  try {
    let pool = matching;
    if (options.missed) {
      const answers = [...store.events()].filter((e): e is QuizEvent => e.type === 'quiz');
      const missed = missedQuestions(answers);
      pool = matching.filter((q) => missed.has(q.key));
      if (pool.length === 0) throw new CrssError('no missed questions to retake: every question you answered wrong has been answered right since');
    }
    if (pool.length === 0) throw usageError('no questions match that selection (crss topics lists what there is)');
    const seedText = options.seed ?? String(Math.floor(Math.random() * 2 ** 32));
    const random = seededRandom(seedFrom(seedText));
    const wanted = options.count !== undefined ? Number(options.count) : exam ? EXAM_QUESTIONS : TUTOR_DEFAULT_COUNT;
    const plain = Boolean(options.plain || options.json || !isInteractive(ctx));
    // With --json, stdout carries only the result; everything else goes to stderr.
    const out: OutStream = options.json ? ctx.stderr : ctx.stdout;
    const colors = await colorsFor(out, ctx.env.color, plain);
    const say = (s: string) => out.write(`${s}\n`);
    if (wanted > pool.length) say(`Only ${pool.length} question${pool.length === 1 ? '' : 's'} match; using all of them.`);
    const items = buildQuiz(chooseQuestions(pool, Math.min(wanted, pool.length), random, exam), random);
    const session = randomHex(8);
    let seq = 0;
    const startedAt = ctx.now();
    if (exam) say(`Exam mode: ${items.length} questions, ${Math.round((items.length * EXAM_SECONDS_PER_QUESTION) / 60)} minutes. No feedback until you submit.`);
    const terminal = openSessionTerminal(ctx.stdin, out, { plain, cursor: ctx.env.cursor });
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
        const item = items[index]!;
        store.append({
          type: 'quiz',
          id: `${device}-${session}-${++seq}`,
          time: ctx.now().toISOString(),
          session,
          card: item.card.key,
          chosen: choice === null ? null : item.options[choice]!,
          correct: choice !== null && item.options[choice] === item.card.answer,
          durationMs,
          quizMode: exam ? 'exam' : 'tutor',
        });
      },
    };
    let run;
    try {
      run = exam ? await runExam(items, io, new Date(startedAt.getTime() + items.length * EXAM_SECONDS_PER_QUESTION * 1000)) : await runTutor(items, io);
    } finally {
      terminal.restore();
    }
    // A quiz stopped early is scored on the questions reached (exam: on all, unanswered count as wrong).
    const scored = exam ? items : items.slice(0, Math.max(run.answered, 0));
    const result = scoreQuiz(scored, run.choices.slice(0, scored.length).map((c) => (c === undefined ? undefined : { choice: c, durationMs: 0 })), exam);
    say('');
    say(formatQuizSummary({ result, items: scored, choices: run.choices, elapsedMs: ctx.now().getTime() - startedAt.getTime(), exam, answered: run.answered, timedOut: run.timedOut }, colors));
    say(colors.dim(`Seed: ${seedText} (crss quiz --seed ${seedText} with the same options repeats this quiz)`));
    if (options.json) printOut(ctx, JSON.stringify(result));
    return run.stop ? STOP_EXIT_CODES[run.stop] : 0;
  } finally {
    store.close();
  }
}

