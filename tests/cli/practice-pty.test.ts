/**
 * Practice in a real pseudo-terminal: the exam's start screen (the clock starts on Enter, q leaves), and
 * no card id on screen before its answer.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { runInPty } from '../helpers/pty.js';
import { BIN, isolatedEnv, middayZone, runCrss } from '../helpers/run-crss.js';

let env: Record<string, string>;

beforeEach(() => {
  env = isolatedEnv({ CRSS_DECKS: join(import.meta.dirname, '../fixtures/quiz'), CRSS_DEVICE: 'pty-exam', TZ: middayZone() });
  env.CRSS_DATA_DIR = join(env.HOME!, 'crss-data');
});

const exam = () => runInPty([process.execPath, BIN, 'quiz', '--exam', '--deck', 'quiz-sample', '--count', '4', '--seed', 'start'], env);

function quizEvents(): unknown[] {
  const logs = join(env.CRSS_DATA_DIR!, 'logs');
  if (!existsSync(logs)) return [];
  return readdirSync(logs).flatMap((f) => readFileSync(join(logs, f), 'utf8').trim().split('\n').filter((l) => l.includes('"type":"quiz"')));
}

describe('crss quiz --exam in a terminal', () => {
  it('says what the exam is before the clock starts, and q leaves without an attempt', async () => {
    const pty = exam();
    const screen = await pty.waitFor('Press Enter to start the clock, or q to leave without an attempt.');
    expect(screen).toContain('Practice exam');
    expect(screen).toContain('4 multiple-choice questions, 5 minutes (72 seconds a question).');
    expect(screen).toContain('Pass mark: 68 on a 0-100 scale.');
    expect(screen).toContain('Keys: A-F answer');
    expect(screen).not.toContain('Time left');
    pty.type('q');
    await pty.waitFor('Left before the exam started: nothing was recorded.');
    expect(await pty.exited).toBe(0);
    expect(quizEvents()).toEqual([]);
  });

  it('starts the clock on Enter; no card id shows before the summary', async () => {
    const pty = exam();
    await pty.waitFor('Press Enter to start the clock');
    pty.type('\r');
    await pty.waitFor(/Time left 4:\d\d/);
    for (let i = 0; i < 4; i++) {
      pty.type('a');
      await pty.waitFor(new RegExp(`answered ${i + 1}/4`));
      pty.type('n');
    }
    pty.type('s');
    await pty.waitFor('Submit now? y/n');
    pty.type('y');
    const out = await pty.waitFor(/Score: \d\/4/);
    expect(await pty.exited).toBe(0);
    const before = out.slice(0, out.indexOf('Score: '));
    expect(before).not.toMatch(/quiz-sample\/q\d/);
    expect(quizEvents()).toHaveLength(4);
    // The plain exam's summary is the terminal's, line for line (same seed, same answers).
    const summaryOf = (text: string) => {
      const bare = text.replace(/\u001b\[[0-9;?]*[a-zA-Z]/g, '').replace(/\r/g, '');
      return bare.slice(bare.indexOf('Score: ')).replace(/^Time: .*$/m, 'Time:').trimEnd();
    };
    const plain = runCrss(['quiz', '--plain', '--exam', '--deck', 'quiz-sample', '--count', '4', '--seed', 'start'], { env, input: 'A\n'.repeat(4) });
    expect(summaryOf(plain.stdout)).toBe(summaryOf(await pty.waitFor(/Seed: start [^\n]*\n/)));
    expect(summaryOf(plain.stdout)).toContain('Seed: start (crss quiz --seed start with the same options repeats this quiz)');
  });
});

describe('crss quiz (tutor) in a terminal', () => {
  it('shows each card id only with its feedback', async () => {
    const pty = runInPty([process.execPath, BIN, 'quiz', '--deck', 'quiz-sample', '--count', '3', '--seed', 'tty-ids'], env);
    const ids: string[] = [];
    for (let n = 1; n <= 3; n++) {
      const shown = await pty.waitFor(new RegExp(`\\[${n}/3\\][\\s\\S]*D\\) `));
      const screen = shown.slice(shown.lastIndexOf(`[${n}/3]`));
      expect(screen).not.toMatch(/quiz-sample\/q\d/);
      // Everything before this question's feedback holds only the ids of questions already answered.
      expect([...shown.matchAll(/quiz-sample\/q\d/g)].map((m) => m[0]).every((id) => ids.includes(id))).toBe(true);
      pty.type('a');
      const after = await pty.waitFor(new RegExp(`\\[${n}/3\\][\\s\\S]*(Correct\\.|Wrong\\. The answer is [^\\n]*) · quiz-sample/q\\d[\\s\\S]*${n < 3 ? 'Press any key' : 'Score: '}`));
      const id = /· (quiz-sample\/q\d)/.exec(after.slice(after.lastIndexOf(`[${n}/3]`)))![1]!;
      ids.push(id);
      if (n < 3) pty.type(' ');
    }
    expect(await pty.exited).toBe(0);
    expect(new Set(ids).size).toBe(3);
  });
});
