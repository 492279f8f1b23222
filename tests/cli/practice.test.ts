/**
 * Practice that tells the truth, through the real binary: no card id before its answer, a missed
 * question due for study at once whatever its state, quiz history, weak-first quizzes, past exam dates
 * refused, and the practice evidence in stats.
 */
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { isolatedEnv, middayZone, runCrss } from '../helpers/run-crss.js';

const PRACTICE = join(import.meta.dirname, '../fixtures/practice');
const QUIZ = join(import.meta.dirname, '../fixtures/quiz');
let env: Record<string, string>;

beforeEach(() => {
  env = isolatedEnv({ CRSS_DECKS: `${PRACTICE}:${QUIZ}`, CRSS_DEVICE: 'practice-device', TZ: middayZone() });
  env.CRSS_DATA_DIR = join(env.HOME!, 'crss-data');
});

const crss = (args: string[], input = '') => runCrss(args, { env, input });

interface Item {
  id: string;
  topics: string[];
  domain: string | null;
  correct: boolean;
  chosen: string | null;
  answer: string;
}

/** The letter of the first option starting with `prefix` in the last question printed. */
function letterOf(out: string, prefix: string): string {
  const last = out.slice(out.lastIndexOf('\nQ: '));
  return [...last.matchAll(/^ {2}([A-F])\) (.*)$/gm)].find((m) => m[2]!.startsWith(prefix))![1]!;
}

/** Answers the one practice question on `topic` right or wrong, in a tutor quiz. */
function quizOne(topic: string, right: boolean): void {
  const args = ['quiz', '--plain', '--deck', 'practice', '--topic', topic, '--count', '1', '--seed', 's'];
  const letter = letterOf(crss(args).stdout, right ? 'Right' : 'Wrong');
  const r = crss(args, `${letter}\n`);
  expect(r.stdout).toContain(right ? 'Correct.' : 'Wrong.');
}

/** Every key of every question in the given decks. */
function questionKeys(...decks: string[]): string[] {
  const exported = JSON.parse(crss(['export', '--format', 'json', ...decks.flatMap((d) => ['--deck', d])]).stdout) as { deck: string; cards: { id: string; kind: string }[] }[];
  return exported.flatMap((d) => d.cards.filter((c) => c.kind === 'question').map((c) => `${d.deck}/${c.id}`));
}

function stats(): { due: number; missedWaiting: number; practice: Record<string, unknown> } {
  const r = crss(['stats', '--json']);
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout);
}

describe('no card id before its answer', () => {
  it('a seeded tutor quiz over the bundled decks shows each id only with its feedback', () => {
    const args = ['quiz', '--plain', '--topic', 'relationships', '--count', '10', '--seed', 'no-give-away'];
    const input = 'A\nB\nC\nD\nA\nB\nC\nD\nA\nB\n';
    const out = runCrss(args, { env: isolatedEnv(), input }).stdout;
    const items = JSON.parse(runCrss([...args, '--json'], { env: isolatedEnv(), input }).stdout).items as Item[];
    expect(items).toHaveLength(10);
    const bank = questionKeys('relationships');
    expect(bank.length).toBeGreaterThan(10);
    // Where each question's feedback starts: before it, neither its id nor any id still to come may appear.
    const feedback = [...out.matchAll(/^(Correct\.|Wrong\. The answer is)/gm)].map((m) => m.index!);
    expect(feedback).toHaveLength(10);
    items.forEach((item, i) => {
      const before = out.slice(0, feedback[i]);
      for (const later of items.slice(i)) expect(before).not.toContain(later.id);
      // Nor any id of the bank not asked yet.
      for (const key of bank.filter((k) => !items.slice(0, i).some((it) => it.id === k))) expect(before).not.toContain(key);
      expect(out.slice(feedback[i]).split('\n')[0]).toContain(` · ${item.id}`);
    });
    expect(out).toMatch(/^\[1\/10\] relationships\nQ: /m);
  });

  it('a seeded plain exam shows no id before its summary', () => {
    const args = ['quiz', '--plain', '--exam', '--count', '8', '--seed', 'exam-ids'];
    const out = runCrss(args, { env: isolatedEnv(), input: 'A\n'.repeat(8) }).stdout;
    const summary = out.indexOf('Score: ');
    expect(summary).toBeGreaterThan(0);
    const before = out.slice(0, summary);
    const bank = questionKeys();
    expect(bank.length).toBeGreaterThan(100);
    for (const key of bank) expect(before).not.toContain(key);
    // The review of wrong answers after the score names them.
    expect(out.slice(summary)).toMatch(/^- [a-z-]+\/[a-z0-9-]+: /m);
  });

  it('study shows a question card under its deck name, and its id with the answer', () => {
    const r = crss(['study', '--plain', '--deck', 'practice', '--topic', 'trust'], '\n');
    expect(r.stdout.split('\n')[0]).toBe('[1/1] practice · new');
    const reveal = r.stdout.indexOf('A: ');
    expect(r.stdout.slice(0, reveal)).not.toContain('practice/never-studied-answer');
    expect(r.stdout.slice(reveal)).toContain('Card: practice/never-studied-answer');
  });
});

describe('a missed question is due for study at once', () => {
  it('whatever its state: never studied, learning or review, outside the new-card limit', () => {
    // Late in a UTC day, so that the learning card's step ends tomorrow and nothing would show it today.
    env.TZ = 'UTC';
    const at = (time: string) => (env.CRSS_NOW = `2026-12-01T${time}:00.000Z`);
    at('23:40'); // a review card: Easy on a new card, due days from now
    expect(crss(['study', '--plain', '--deck', 'practice', '--topic', 'empathy'], '4\nq\n').status).toBe(0);
    at('23:52'); // a learning card: Good on a new card, a 10-minute step (due 00:02 tomorrow)
    expect(crss(['study', '--plain', '--deck', 'practice', '--topic', 'rapport'], '3\nq\n').status).toBe(0);
    at('23:53');
    expect(crss(['study', '--plain', '--deck', 'practice', '--new', '0'], '').stdout).toContain('Nothing is due now.');
    at('23:54');
    for (const topic of ['trust', 'rapport', 'empathy']) quizOne(topic, false);
    at('23:57');
    expect(stats()).toMatchObject({ due: 3, missedWaiting: 3 });
    expect(crss(['stats']).stdout).toContain('3 cards due now (3 missed in quizzes)');
    const studied = crss(['study', '--plain', '--deck', 'practice', '--new', '0'], '3\n3\n');
    const asked = [...studied.stdout.matchAll(/^Q: Which option is right for the (.*)\?$/gm)].map((m) => m[1]);
    expect(asked.sort()).toEqual(['card never studied', 'learning card', 'review card']);
    expect(studied.stdout).toMatch(/\[\d\/\d\] practice · new\nQ: Which option is right for the card never studied\?/);
    // Two were rated, the third waits: the summary says so, and so does stats.
    expect(studied.stdout).toContain('Missed quiz questions waiting for study: 1');
    expect(stats().missedWaiting).toBe(1);
  });

  it('a right answer does not make a card due', () => {
    quizOne('trust', true);
    expect(stats()).toMatchObject({ due: 0, missedWaiting: 0 });
  });
});

describe('exam dates', () => {
  it('a date in the past is a usage error in config set, stats, study and quiz; today is fine', () => {
    env.TZ = 'UTC';
    env.CRSS_NOW = '2026-12-01T12:00:00.000Z';
    expect(crss(['config', 'set', 'exam-date', '2026-11-30'])).toMatchObject({ status: 2, stderr: 'crss: exam-date 2026-11-30 is in the past (today is 2026-12-01); give the day of your exam, or none\n' });
    expect(crss(['stats', '--exam-date', '2026-11-30'])).toMatchObject({ status: 2, stderr: 'crss: --exam-date 2026-11-30 is in the past (today is 2026-12-01)\n' });
    expect(crss(['study', '--plain', '--exam-date', '2026-11-30']).status).toBe(2);
    expect(crss(['config', 'set', 'exam-date', '2026-12-01']).status).toBe(0);
    expect(crss(['stats']).stdout).toContain('Exam readiness: exam on 2026-12-01, 0 days left');
    expect(crss(['study', '--plain', '--deck', 'practice']).status).toBe(0);
    expect(crss(['quiz', '--plain', '--deck', 'practice']).status).toBe(0);
    // The next day, the configured date has passed: every command that uses it says so and how to fix it.
    env.CRSS_NOW = '2026-12-02T12:00:00.000Z';
    const passed = 'crss: the exam date in your settings, 2026-12-01, is in the past (today is 2026-12-02); set a new one with crss config set exam-date YYYY-MM-DD, or none\n';
    for (const args of [['stats'], ['study', '--plain'], ['quiz', '--plain']]) expect(crss(args), args[0]).toMatchObject({ status: 2, stderr: passed });
    expect(crss(['config', 'set', 'exam-date', 'none']).status).toBe(0);
    expect(crss(['stats']).status).toBe(0);
  });

  it('CRSS_NOW must be an ISO time', () => {
    env.CRSS_NOW = 'tomorrow';
    expect(crss(['stats'])).toMatchObject({ status: 2, stderr: "crss: CRSS_NOW must be an ISO time such as 2026-12-01T12:00:00Z, not 'tomorrow'\n" });
  });
});
