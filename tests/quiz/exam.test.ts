/** Exam mode with an injected clock: the countdown runs out and the exam submits itself. */
import { describe, expect, it } from 'vitest';
import { buildQuiz, chooseQuestions, missedQuestions, scoreQuiz } from '../../src/core/quiz.js';
import { seededRandom, shuffleOptions } from '../../src/core/random.js';
import type { Question } from '../../src/deck/model.js';
import { openCanvas } from '../../src/terminal/canvas.js';
import { noColors } from '../../src/terminal/color.js';
import type { InputSource } from '../../src/terminal/input.js';
import { runExam } from '../../src/terminal/quiz-runner.js';

const DOMAINS = ['advocacy', 'professional-responsibility', 'mentoring', 'recovery-support'] as const;

function question(i: number, domain = DOMAINS[i % 4]): Question {
  return { kind: 'question', deck: 'd', id: `q${i}`, key: `d/q${i}`, topics: ['t'], domain, line: 1, question: `Q${i}?`, answer: `R${i}`, distractors: [`W${i}a`, `W${i}b`] };
}

/** Input that delivers the given lines one by one, then never answers again (a learner who walked away). */
function scriptedInput(lines: string[]): InputSource {
  return {
    next: () => (lines.length > 0 ? Promise.resolve(lines.shift()!) : new Promise(() => {})),
    inject: () => {},
    close: () => {},
    waits: true,
  };
}

function fakeClock(start: Date) {
  let t = start.getTime();
  return {
    now: () => new Date(t),
    sleep: async (ms: number) => {
      t += ms;
    },
    advance: (ms: number) => {
      t += ms;
    },
  };
}

describe('exam timer', () => {
  it('submits automatically when time is up, recording unanswered questions', async () => {
    const items = buildQuiz([0, 1, 2].map((i) => question(i)), seededRandom(1));
    const clock = fakeClock(new Date('2026-12-01T09:00:00Z'));
    const recorded: [number, number | null][] = [];
    const out: string[] = [];
    const deadline = new Date(clock.now().getTime() + 3 * 72_000);
    const run = await runExam(items, {
      input: scriptedInput([String.fromCharCode(65 + items[0]!.options.indexOf('R0'))]),
      plain: false,
      out: { write: (s: string) => out.push(s) },
      canvas: openCanvas({ write: (s: string) => out.push(s) }, true),
      colors: noColors,
      clock,
      record: (i, c) => recorded.push([i, c]),
    }, deadline);
    expect(run.timedOut).toBe(true);
    expect(run.answered).toBe(1);
    expect(clock.now().getTime()).toBeGreaterThanOrEqual(deadline.getTime());
    expect(recorded).toEqual([[0, items[0]!.options.indexOf('R0')], [1, null], [2, null]]);
    expect(out.join('')).toContain('Time left 3:36');
    expect(out.join('')).toContain('Time left 0:01');
    const result = scoreQuiz(items, run.choices.map((c) => (c === undefined ? undefined : { choice: c, durationMs: 0 })), true);
    expect(result).toMatchObject({ score: 1, total: 3, percent: 33.3, passed: false });
  });

  it('lets answers change and questions be flagged before submitting, with no feedback', async () => {
    const items = buildQuiz([0, 1].map((i) => question(i)), seededRandom(2));
    const clock = fakeClock(new Date('2026-12-01T09:00:00Z'));
    const recorded: [number, number | null][] = [];
    const out: string[] = [];
    const run = await runExam(items, {
      input: scriptedInput(['A', 'B', 'f', 'n', 'A', 'p', 's', 'y']),
      plain: false,
      out: { write: (s: string) => out.push(s) },
      canvas: openCanvas({ write: (s: string) => out.push(s) }, true),
      colors: noColors,
      clock,
      record: (i, c) => recorded.push([i, c]),
    }, new Date(clock.now().getTime() + 144_000));
    expect(run.timedOut).toBe(false);
    expect(run.choices).toEqual([1, 0]);
    expect(recorded).toEqual([[0, 0], [0, 1], [1, 0]]);
    expect(out.join('')).toContain('⚑ flagged');
    expect(out.join('')).toContain('Submit now with 1 flagged? y/n');
    expect(out.join('')).not.toContain('Correct.');
  });
});

describe('question choice', () => {
  it('spreads an exam over the four domains as evenly as the bank allows', () => {
    const pool = [...Array.from({ length: 30 }, (_, i) => question(i, 'advocacy')), ...[0, 1, 2].map((i) => question(100 + i, 'mentoring')), question(200, 'recovery-support')];
    const chosen = chooseQuestions(pool, 10, seededRandom(3), true);
    const count = (d: string) => chosen.filter((q) => q.domain === d).length;
    expect([count('advocacy'), count('mentoring'), count('recovery-support'), count('professional-responsibility')]).toEqual([6, 3, 1, 0]);
  });

  it('keeps All/None of the above last whatever the seed', () => {
    for (let seed = 0; seed < 50; seed++) {
      const options = shuffleOptions('Right', ['All of the above', 'Wrong', 'Other'], seededRandom(seed));
      expect(options[3]).toBe('All of the above');
    }
  });

  it('missed questions are the ones whose latest answer was wrong', () => {
    const missed = missedQuestions([
      { id: 'x-1', card: 'a', correct: false, time: '2026-01-01T00:00:00.000Z' },
      { id: 'x-2', card: 'a', correct: true, time: '2026-01-02T00:00:00.000Z' },
      { id: 'x-3', card: 'b', correct: true, time: '2026-01-01T00:00:00.000Z' },
      { id: 'x-4', card: 'b', correct: false, time: '2026-01-03T00:00:00.000Z' },
      { id: 'x-5', card: 'c', correct: false, time: '2026-01-01T00:00:00.000Z' },
    ]);
    expect([...missed].sort()).toEqual(['b', 'c']);
  });

  it('"since" is the clock stamp order: a right answer stamped later counts, though its wall time is earlier', () => {
    // Machine b (clock right) missed `a` and answered `b` right; then machine a, 3 hours behind, read
    // that and answered `a` right and `b` wrong. Answers from logs before stamps order by their time.
    const missed = missedQuestions([
      { id: 'b-1', card: 'a', correct: false, time: '2026-01-01T12:00:00.000Z', hlc: '2026-01-01T12:00:00.000Z' },
      { id: 'a-1', card: 'a', correct: true, time: '2026-01-01T09:05:00.000Z', hlc: '2026-01-01T12:00:00.001Z' },
      { id: 'b-2', card: 'b', correct: true, time: '2026-01-01T12:01:00.000Z', hlc: '2026-01-01T12:01:00.000Z' },
      { id: 'a-2', card: 'b', correct: false, time: '2026-01-01T09:06:00.000Z', hlc: '2026-01-01T12:01:00.001Z' },
      { id: 'old-1', card: 'c', correct: false, time: '2025-12-31T00:00:00.000Z' },
      { id: 'a-3', card: 'c', correct: true, time: '2026-01-01T09:07:00.000Z', hlc: '2026-01-01T12:01:00.002Z' },
    ]);
    expect([...missed].sort()).toEqual(['b']);
  });
});
