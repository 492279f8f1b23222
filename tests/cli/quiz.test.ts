/** `crss quiz` through the real binary: plain protocol, JSON, seeds, missed questions, errors. */
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { isolatedEnv, runCrss, middayZone } from '../helpers/run-crss.js';

const DECKS = join(import.meta.dirname, '../fixtures/quiz');
let env: Record<string, string>;

beforeEach(() => {
  env = isolatedEnv({ CRSS_DECKS: DECKS, CRSS_DEVICE: 'quiz-device', TZ: middayZone() });
  env.CRSS_DATA_DIR = join(env.HOME!, 'crss-data');
});

function quiz(input: string, ...args: string[]) {
  return runCrss(['quiz', '--plain', '--deck', 'quiz-sample', ...args], { env, input });
}

/** The letter of the right answer for each question, read from the questions as printed. */
function questionsIn(stdout: string): { id: string; options: string[] }[] {
  const out: { id: string; options: string[] }[] = [];
  for (const block of stdout.split(/^(?=\[\d+\/\d+\] )/m).filter((b) => b.startsWith('['))) {
    // The header names only the deck (an id can give the answer away): the fixture's question N is qN.
    const id = `q${/^\[\d+\/\d+\] quiz-sample\nQ: Sample question (\d)\?/.exec(block)![1]!}`;
    const options = [...block.matchAll(/^ {2}([A-F])\) (.*)$/gm)].map((m) => m[2]!);
    out.push({ id, options });
  }
  return out;
}

function letterOf(options: string[], prefix: string): string {
  return 'ABCDEF'[options.findIndex((o) => o.startsWith(prefix))]!;
}

describe('crss quiz (plain, tutor mode)', () => {
  it('shows [n/m], the question and lettered options, and ends with Score at end of input', () => {
    const r = quiz('', '--seed', '1');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Only 8 questions match; using all of them\.\n\[1\/8\] quiz-sample\nQ: Sample question \d\?\n {2}A\) /);
    expect(r.stdout).toContain('Score: 0/0 (0%)');
  });

  it('answers with letters, gives feedback at once, and scores', () => {
    const first = quiz('', '--seed', '7', '--count', '3');
    const qs = questionsIn(first.stdout);
    expect(qs).toHaveLength(1);
    const full = quiz('', '--seed', '7', '--count', '3');
    expect(full.stdout).toBe(first.stdout);
    // Answer the first right, then find the following questions as they are printed.
    let input = '';
    let out = '';
    for (let n = 0; n < 3; n++) {
      const shown = questionsIn(out || first.stdout);
      const q = shown[n]!;
      input += `${n === 1 ? (letterOf(q.options, 'Right') === 'A' ? 'B' : 'A') : letterOf(q.options, 'Right')}\n`;
      out = quiz(input, '--seed', '7', '--count', '3').stdout;
    }
    expect(out).toMatch(/Correct\. · quiz-sample\/q\d\nBecause/);
    expect(out).toMatch(/Wrong\. The answer is [A-D]\) Right (\d) · quiz-sample\/q\1\nBecause \1\.\nSource: https:\/\/example\.org\/q\1/);
    expect(out).toContain('Score: 2/3 (66.7%)');
    expect(out).toContain('By domain:');
    expect(out).toContain('By topic:');
    expect(out).toMatch(/Missed:\n- quiz-sample\/q\d: Sample question \d\?/);
  });

  it('explains a bad letter and keeps the question', () => {
    const r = quiz('Z\n', '--seed', '1', '--count', '1');
    expect(r.stdout).toContain('Answer with a letter from A to D (q quits).');
  });

  it('--json keeps stdout for one JSON object', () => {
    const r = quiz('A\nA\n', '--seed', '3', '--count', '2', '--json');
    expect(r.status).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(Object.keys(result)).toEqual(['score', 'total', 'percent', 'passed', 'byTopic', 'byDomain', 'missed', 'items']);
    expect(result.total).toBe(2);
    expect(result.passed).toBeNull();
    expect(r.stderr).toContain('[1/2]');
  });

  it('--seed reproduces the choice and order of questions and options; without it runs differ', () => {
    const a = quiz('', '--seed', 'exam-1', '--count', '8');
    const b = quiz('', '--seed', 'exam-1', '--count', '8');
    expect(questionsIn(a.stdout)).toEqual(questionsIn(b.stdout));
    const seen = new Set(Array.from({ length: 6 }, () => JSON.stringify(questionsIn(quiz('').stdout))));
    expect(seen.size).toBeGreaterThan(1);
  });

  it('keeps "None of the above" last', () => {
    for (const seed of ['1', '2', '3', '4', '5']) {
      const r = runCrss(['quiz', '--plain', '--deck', 'quiz-sample', '--seed', seed, '--count', '8'], { env, input: 'A\n'.repeat(8) });
      const q3 = /\] quiz-sample\nQ: Sample question 3\?\n(( {2}[A-D]\) .*\n)+)/.exec(r.stdout)![1]!;
      expect(q3.trimEnd().split('\n').at(-1)).toBe('  D) None of the above');
    }
  });

  it('--missed offers exactly the questions answered wrong and not right since', () => {
    const r = quiz('A\n'.repeat(8), '--seed', '11', '--count', '8', '--json');
    const missed: string[] = JSON.parse(r.stdout).missed;
    expect(missed.length).toBeGreaterThan(0);
    expect(missed.length).toBeLessThan(8);
    const retake = quiz('x\n'.repeat(20), '--missed', '--count', '8', '--json');
    // Each question is only printed once the previous one is answered, so answer with a bad letter...
    const firstOnly = retake.stderr.match(/\] quiz-sample\n/g)!;
    expect(firstOnly).toHaveLength(1);
    expect(retake.stderr).toContain(`Only ${missed.length} question${missed.length === 1 ? '' : 's'} match; using all of them.`);
    // ...then answer them all (wrong or right does not matter) and collect every question offered.
    const all = quiz('A\n'.repeat(8), '--missed', '--count', '8', '--json', '--seed', '2');
    const offered = [...all.stderr.matchAll(/\] quiz-sample\nQ: Sample question (\d)\?/g)].map((m) => `quiz-sample/q${m[1]}`);
    expect(offered.sort()).toEqual([...missed].sort());
  });

  it('an unknown topic exits 2 naming the nearest and crss topics', () => {
    const r = quiz('', '--topic', 'trsut');
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("crss: unknown topic 'trsut' (did you mean 'trust'?); see crss topics\n");
    expect(quiz('', '--domain', 'mentorng').stderr).toMatch(/^crss: unknown domain 'mentorng' \(did you mean 'mentoring'\?\)/);
  });
});

describe('crss quiz --exam (plain)', () => {
  it('submits after the last answer and scores against the pass mark', () => {
    const r = quiz('A\n'.repeat(4), '--exam', '--count', '4', '--seed', '9', '--json');
    expect(r.status).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result.total).toBe(4);
    expect(typeof result.passed).toBe('boolean');
    expect(Object.keys(result.byDomain).sort()).toEqual(['advocacy', 'mentoring', 'professional-responsibility', 'recovery-support']);
    expect(r.stderr).toContain('Exam mode: 4 questions, 5 minutes.');
    expect(r.stderr).toMatch(/(PASS|FAIL): \d+ on the 0-100 scale; the pass mark is 68\./);
    expect(r.stderr).not.toContain('Correct.');
  });
});
