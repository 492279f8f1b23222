/** `crss study` plain protocol through the real binary, and what lands in the history. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { LETTERS } from '../../src/core/random.js';
import type { Question } from '../../src/deck/model.js';
import { studyOptions } from '../../src/format/study-card.js';
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

/** The fixture's question card, as study letters its options. */
const FIRST_STEP = {
  key: 'study-sample/first-step',
  answer: 'Listen and acknowledge how hard that was.',
  distractors: ['Explain the program rules.', 'None of the above'],
} as Question;
const optionsOfFirstStep = studyOptions(FIRST_STEP);
const rightLetter = LETTERS[optionsOfFirstStep.indexOf(FIRST_STEP.answer)]!;
const wrongLetter = LETTERS[optionsOfFirstStep.indexOf('Explain the program rules.')]!;

describe('question cards answered by letter (plain)', () => {
  // The two flashcards first (rated Easy, so they leave the session), then the question card.
  const toQuestion = '4\n4\n';

  it('a right letter: says so, shows the answer, and Enter accepts the proposed Good', () => {
    const r = study(`${toQuestion}${rightLetter.toLowerCase()}\n\n`);
    expect(r.stdout).toContain('(A-F: answer · Enter: show answer');
    expect(r.stdout).toContain(`Right: ${rightLetter}) ${FIRST_STEP.answer}\nA: ${rightLetter}) ${FIRST_STEP.answer}\n   Being heard comes first.\n`);
    expect(r.stdout).toContain('(Enter: 3 Good)\n');
    expect(logEvents().filter((e) => e.card === FIRST_STEP.key).map((e) => [e.type, e.rating])).toEqual([['review', 3]]);
  });

  it('a wrong letter: says so with the right answer and the explanation, and Enter accepts the proposed Again', () => {
    const r = study(`${toQuestion}${wrongLetter}\n\n`);
    expect(r.stdout).toContain(`Wrong: you chose ${wrongLetter}) Explain the program rules.\nA: ${rightLetter}) ${FIRST_STEP.answer}\n   Being heard comes first.\n`);
    expect(r.stdout).toContain('(Enter: 1 Again)\n');
    expect(logEvents().filter((e) => e.card === FIRST_STEP.key).map((e) => [e.type, e.rating])).toEqual([['review', 1]]);
  });

  it('1-4 choose another rating than the proposed one', () => {
    study(`${toQuestion}${wrongLetter}\n4\n`);
    expect(logEvents().filter((e) => e.card === FIRST_STEP.key).map((e) => e.rating)).toEqual([4]);
  });

  it('an empty line reveals the answer without answering', () => {
    const r = study(`${toQuestion}\n2\n`);
    expect(r.stdout).not.toMatch(/Right:|Wrong:/);
    expect(r.stdout).toContain(`A: ${rightLetter}) ${FIRST_STEP.answer}`);
    expect(logEvents().filter((e) => e.card === FIRST_STEP.key).map((e) => e.rating)).toEqual([2]);
  });

  it('bury works by its word before a question is answered, where b would be a letter', () => {
    const r = study(`${toQuestion}bury\n`);
    expect(r.stdout).toContain('Buried that card until tomorrow');
    expect(logEvents().filter((e) => e.card === FIRST_STEP.key).map((e) => e.type)).toEqual(['bury']);
  });
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
    expect(r.stdout).toContain("Unknown input 'x': Enter shows the answer, then rates it Good; 1-4 rate, u undo, s suspend, b bury, e edit, q quit.\n");
  });

  it('says what suspend and bury did, with u to undo', () => {
    const r = study('s\nu\nb\nu\nq\n');
    expect(r.stdout).toContain('Suspended study-sample/relationship-first until crss unsuspend study-sample/relationship-first; u undoes it.\n');
    expect(r.stdout).toContain('Buried that card until tomorrow; u undoes it.\n');
    expect(r.stdout.split('\n').filter((l) => l === '[1/3] study-sample/relationship-first · new')).toHaveLength(3);
    expect(logEvents().map((e) => e.type)).toEqual(['suspend', 'unsuspend', 'bury', 'bury']);
  });

  it('an empty line after the answer rates it Good, as the screen says', () => {
    const r = study('\n\n\n\nq\n');
    expect(r.stdout).toContain('Rate: 1 Again · 1m   2 Hard · 6m   3 Good · 10m   4 Easy · ');
    expect(r.stdout).toContain('(Enter: 3 Good)\n');
    expect(logEvents().filter((e) => e.type === 'review').map((e) => [e.card, e.rating])).toEqual([
      ['study-sample/relationship-first', 3],
      ['study-sample/oars', 3],
    ]);
  });

  it('when the daily new-card limit holds cards back, says so and how to get more', () => {
    const none = study('', '--new', '0');
    expect(none.stdout).toContain('Nothing is due now.\nThe limit of 0 new cards a day is reached; 3 more are waiting.\nFor 1 more today: crss study --new 1. To change the limit: crss config set new-per-day N.\n');
    // A session that shows every card the limit allows ends with the same note; one quit early does not.
    const quitEarly = study('q\n', '--new', '1');
    expect(quitEarly.stdout).not.toContain('The limit of');
    const done = study('\n3\n\n4\n\n3\n\n3\n', '--new', '2');
    expect(done.stdout).toContain('The limit of 2 new cards a day is reached; 1 more is waiting.\nFor 1 more today: crss study --new 3.');
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
