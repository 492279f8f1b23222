/** `crss study` plain protocol through the real binary, and what lands in the history. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { isolatedEnv, runCrss, middayZone } from '../helpers/run-crss.js';

const DECKS = join(import.meta.dirname, '../fixtures/valid');
let env: Record<string, string>;

function study(input: string, ...args: string[]) {
  return runCrss(['study', '--plain', '--deck', 'study-sample', ...args], { env, input });
}

function stats(): { reviews: number; cards: number; due: number } {
  const r = runCrss(['stats', '--json'], { env });
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout);
}

function logEvents(): Array<Record<string, unknown>> {
  const dir = join(env.CRSS_DATA_DIR!, 'logs');
  return readdirSync(dir).flatMap((f) =>
    readFileSync(join(dir, f), 'utf8')
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { e: Record<string, unknown> }).e)
      .filter((e) => e.type !== 'header'),
  );
}

beforeEach(() => {
  env = isolatedEnv({ CRSS_DECKS: DECKS, CRSS_DEVICE: 'test-device', TZ: middayZone() });
  env.CRSS_DATA_DIR = join(env.HOME!, 'crss-data');
});

describe('crss study --plain', () => {
  it('prints the first card and exits 0 at end of input', () => {
    const r = study('');
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('[1/3] study-sample/relationship-first · new');
    expect(lines[1]).toBe('Q: What comes first in peer support?');
    expect(r.stdout).toContain('Session over.\nCards reviewed: 0 (0% Again)\n');
    expect(stats()).toMatchObject({ reviews: 0, cards: 0, due: 0 });
  });

  it('reveals on an empty line, labels each rating with its interval, and saves ratings', () => {
    const r = study('\n3\n\n4\n');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('A: The relationship.\nSource: https://example.org/a\nRate: 1 Again · 1m   2 Hard · 6m   3 Good · 10m   4 Easy · ');
    expect(r.stdout).toContain('[2/4] study-sample/oars · new');
    const reviews = logEvents().filter((e) => e.type === 'review');
    expect(reviews.map((e) => [e.card, e.rating, e.session !== undefined])).toEqual([
      ['study-sample/relationship-first', 3, true],
      ['study-sample/oars', 4, true],
    ]);
    expect(stats()).toMatchObject({ reviews: 2, cards: 2 });
  });

  it('rates by word, revealing first, and shows a question with lettered options', () => {
    const r = study('good\ngood\n');
    expect(r.stdout).toContain('Q: A person says every service let them down. What fits first?\n');
    expect(r.stdout).toMatch(/ {2}C\) None of the above\n/);
    // A question card's header names only its deck: its id could give the answer away.
    expect(r.stdout).toMatch(/\[3\/\d+\] study-sample · new\nQ: A person says/);
  });

  it('brings a card rated Again back in the same session', () => {
    const r = study('1\n3\n3\n');
    expect(r.stdout).toContain('[1/3] study-sample/relationship-first · new');
    // Every rated new card enters a learning step, so the total grows as cards are rated.
    expect(r.stdout).toContain('[2/4] study-sample/oars · new');
    expect(r.stdout).toContain('[3/5] study-sample · new\nQ: A person says every service let them down.');
    expect(r.stdout).toContain('[4/6] study-sample/relationship-first · learning');
  });

  it('undo takes the last rating back, durably', () => {
    const r = study('3\nu\n2\nq\n');
    expect(r.status).toBe(0);
    expect(r.stdout.match(/\[1\/3\] study-sample\/relationship-first · new/g)).toHaveLength(2);
    const events = logEvents();
    expect(events.map((e) => e.type)).toEqual(['review', 'undo', 'review']);
    expect(events[1]!.target).toBe(events[0]!.id);
    expect(stats().reviews).toBe(1);
  });

  it('says when there is nothing to undo, and explains unknown input', () => {
    const r = study('u\nx\nq\n');
    expect(r.stdout).toContain('Nothing to undo.\n');
    expect(r.stdout).toContain("Unknown input 'x': Enter shows the answer, 1-4 rate, u undo, s suspend, b bury, e edit, q quit.\n");
  });

  it('suspend and bury keep cards out of the next session', () => {
    study('s\nb\nq\n');
    const next = study('');
    expect(next.stdout.split('\n').slice(0, 2)).toEqual(['[1/1] study-sample · new', 'Q: A person says every service let them down. What fits first?']);
  });

  it('e shows the file and line of the card', () => {
    const r = study('e\nq\n');
    expect(r.stdout).toContain('Edit: tests/fixtures/valid/study.yaml:6 · study-sample/relationship-first\n');
  });

  it('q ends the session with a summary and exit 0; ratings so far are kept', () => {
    const r = study('3\nq\n');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Cards reviewed: 1 (0% Again)');
    // The card rated Good comes back after its 10-minute learning step.
    expect(r.stdout).toMatch(/\nNext due: in 10m \([A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2} [AP]M\)\n/);
    expect(stats().reviews).toBe(1);
  });

  it('--new limits new cards a day, across sessions', () => {
    expect(study('3\n3\n', '--new', '2').stdout).toContain('[1/2]');
    const again = study('3\n3\n3\n', '--new', '2');
    expect(again.stdout).not.toContain('A person says every service let them down');
  });

  it('--cram logs cram answers without touching schedules', () => {
    study('3\n3\n3\n');
    const before = stats();
    const r = study('1\n3\n3\n3\n', '--cram');
    expect(r.stdout).toContain('Cram session over.');
    expect(stats()).toEqual(before);
    expect(logEvents().filter((e) => e.type === 'cram')).toHaveLength(4);
  });

  it('rejects a bad --exam-date and an unknown topic with exit 2', () => {
    expect(study('', '--exam-date', '2026-13-01')).toMatchObject({ status: 2, stderr: "crss: --exam-date must be a date as YYYY-MM-DD, not '2026-13-01'\n" });
    const r = runCrss(['study', '--plain', '--topic', 'trsut'], { env });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("crss: unknown topic 'trsut' (did you mean 'trust'?); see crss topics\n");
  });

  it('notes the exam date in the summary', () => {
    const r = study('3\n', '--exam-date', '2099-01-01');
    expect(r.stdout).toContain('Exam on 2099-01-01: intervals are capped so every card studied comes up again before it.');
  });
});
