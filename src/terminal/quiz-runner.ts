/**
 * Runs a quiz against input and a screen: tutor mode (feedback after each answer) and exam mode
 * (a countdown, answers changeable and flaggable, no feedback until submission, automatic submission
 * when time is up). Each answer is handed to `record` at once, which saves it durably.
 */
import type { OutStream } from '../context.js';
import { formatDuration } from '../core/day.js';
import { LETTERS } from '../core/random.js';
import type { QuizItem } from '../core/quiz.js';
import { formatFeedback, formatQuestion } from '../format/quiz.js';
import type { Canvas } from './canvas.js';
import type { Colors } from './color.js';
import type { InputSource } from './input.js';
import { stopOf, type Stop } from './session-terminal.js';

export interface QuizClock {
  now(): Date;
  /** Waits `ms` (a fake clock in tests advances instead). */
  sleep(ms: number): Promise<void>;
}

export interface QuizIO {
  input: InputSource;
  /** Line protocol (true) or single keys on a redrawn screen (false). */
  plain: boolean;
  out: OutStream;
  /** The screen in terminal mode (absent in plain mode). */
  canvas?: Canvas;
  colors: Colors;
  clock: QuizClock;
  /** Saves one answer durably (choice null: unanswered at submission). */
  record(index: number, choice: number | null, durationMs: number): void;
}

export interface QuizRun {
  choices: (number | null | undefined)[];
  answered: number;
  timedOut: boolean;
  /** Set when Ctrl-C or a signal stopped the quiz. */
  stop?: Stop;
}

function letterIndex(raw: string, count: number): number | undefined {
  const text = raw.trim().toUpperCase();
  if (text.length !== 1) return undefined;
  const i = LETTERS.indexOf(text);
  return i >= 0 && i < count ? i : undefined;
}

/**
 * Where tutor mode's text goes: printed line after line in plain mode, or one view per question on
 * the canvas, to which feedback and hints are added.
 */
function tutorScreen(io: QuizIO) {
  let view: string[] = [];
  return {
    question(text: string) {
      if (!io.canvas) return void io.out.write(`${text}\n`);
      view = [text];
      io.canvas.show(view);
    },
    add(text: string) {
      if (!io.canvas) return void io.out.write(`${text}\n`);
      view = [...view, text];
      io.canvas.show(view);
    },
  };
}

export async function runTutor(items: QuizItem[], io: QuizIO): Promise<QuizRun> {
  const screen = tutorScreen(io);
  const choices: (number | null | undefined)[] = [];
  let answered = 0;
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    screen.question(formatQuestion(item, i + 1, items.length, io.colors));
    const shownAt = io.clock.now();
    for (;;) {
      const raw = await io.input.next();
      if (raw === null) return { choices, answered, timedOut: false };
      const stop = stopOf(raw);
      if (stop) return { choices, answered, timedOut: false, stop };
      if (raw.trim().toLowerCase() === 'q') return { choices, answered, timedOut: false };
      const choice = letterIndex(raw, item.options.length);
      if (choice === undefined) {
        screen.add(`Answer with a letter from A to ${LETTERS[item.options.length - 1]} (q quits).`);
        continue;
      }
      choices[i] = choice;
      answered++;
      io.record(i, choice, io.clock.now().getTime() - shownAt.getTime());
      if (io.canvas) screen.add('');
      screen.add(formatFeedback(item, choice, io.colors));
      screen.add('');
      break;
    }
    if (io.canvas && i < items.length - 1) {
      screen.add(io.colors.dim('Press any key for the next question (q quits).'));
      const key = await io.input.next();
      if (key === null || key.toLowerCase() === 'q') return { choices, answered, timedOut: false };
      const stop = stopOf(key);
      if (stop) return { choices, answered, timedOut: false, stop };
    }
  }
  return { choices, answered, timedOut: false };
}

const TICK: unique symbol = Symbol('tick');

export async function runExam(items: QuizItem[], io: QuizIO, deadline: Date): Promise<QuizRun> {
  const print = (s: string) => io.out.write(`${s}\n`);
  const choices: (number | null | undefined)[] = new Array(items.length).fill(undefined);
  const flagged: boolean[] = new Array(items.length).fill(false);
  const spent: number[] = new Array(items.length).fill(0);
  let index = 0;
  let shownAt = io.clock.now();
  let pending: Promise<string | null> | undefined;
  let note = '';
  const timeLeft = () => deadline.getTime() - io.clock.now().getTime();
  const answeredCount = () => choices.filter((c) => c !== undefined && c !== null).length;
  const finish = (timedOut: boolean): QuizRun => {
    choices.forEach((c, i) => {
      if (c === undefined) io.record(i, null, spent[i]!);
    });
    return { choices, answered: answeredCount(), timedOut };
  };
  const draw = () => {
    const status = `Time left ${formatDuration(Math.max(0, timeLeft()))} · answered ${answeredCount()}/${items.length} · flagged ${flagged.filter(Boolean).length}`;
    if (!io.canvas) {
      print(formatQuestion(items[index]!, index + 1, items.length, io.colors));
      print(`(${status}; answer with a letter)`);
    } else {
      io.canvas.show([
        io.colors.dim(status),
        '',
        formatQuestion(items[index]!, index + 1, items.length, io.colors, { chosen: choices[index], flagged: flagged[index] }),
        '',
        io.colors.dim('A-F answer · n/→ next · p/← previous · f flag · u next unanswered · s submit'),
        ...(note ? [note] : []),
      ]);
    }
  };
  const move = (to: number) => {
    spent[index]! += io.clock.now().getTime() - shownAt.getTime();
    index = Math.max(0, Math.min(items.length - 1, to));
    shownAt = io.clock.now();
  };
  draw();
  let confirming = false;
  for (;;) {
    if (timeLeft() <= 0) return finish(true);
    pending ??= io.input.next();
    const wait = io.plain ? timeLeft() : Math.min(1000, timeLeft());
    const got: string | null | typeof TICK = await Promise.race([pending, io.clock.sleep(wait).then((): typeof TICK => TICK)]);
    if (got === TICK) {
      if (io.canvas?.redraws) draw(); // the clock ticks on screen
      continue;
    }
    pending = undefined;
    const raw = got;
    if (raw === null) return finish(false);
    const stop = stopOf(raw);
    // Stopped from outside: the answers given are saved; unanswered ones are not recorded as wrong.
    if (stop) return { choices, answered: answeredCount(), timedOut: false, stop };
    note = '';
    if (confirming) {
      confirming = false;
      if (raw.toLowerCase() === 'y') return finish(false);
      draw();
      continue;
    }
    const choice = letterIndex(raw, items[index]!.options.length);
    if (choice !== undefined) {
      choices[index] = choice;
      io.record(index, choice, spent[index]! + io.clock.now().getTime() - shownAt.getTime());
      if (io.plain) {
        if (index === items.length - 1) return finish(false);
        move(index + 1);
      }
      draw();
      continue;
    }
    const key = raw.trim().toLowerCase();
    if (io.plain) {
      if (key === 'q') return finish(false);
      print(`Answer with a letter from A to ${LETTERS[items[index]!.options.length - 1]}.`);
      continue;
    }
    if (key === 'n' || raw === '\u001b[C' || raw === '\r') move(index + 1);
    else if (key === 'p' || raw === '\u001b[D') move(index - 1);
    else if (key === 'f') flagged[index] = !flagged[index];
    else if (key === 'u') {
      const next = choices.findIndex((c, i) => i > index && c === undefined);
      const first = choices.findIndex((c) => c === undefined);
      move(next >= 0 ? next : first >= 0 ? first : index);
    } else if (key === 's' || key === 'q') {
      const open = items.length - answeredCount();
      const flags = flagged.filter(Boolean).length;
      note = `Submit now${open ? ` with ${open} unanswered` : ''}${flags ? `${open ? ' and' : ' with'} ${flags} flagged` : ''}? y/n`;
      confirming = true;
    }
    draw();
  }
}
