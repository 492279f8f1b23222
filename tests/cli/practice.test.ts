/**
 * Practice that tells the truth, through the real binary: no card id before its answer, a missed
 * question due for study at once whatever its state, quiz history, weak-first quizzes, past exam dates
 * refused, and the practice evidence in stats.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
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
  quizOneIn('practice', topic, right);
}

/** Answers the one question of `deck` on `topic` right or wrong, in a tutor quiz. */
function quizOneIn(deck: string, topic: string, right: boolean): void {
  const args = ['quiz', '--plain', '--deck', deck, '--topic', topic, '--count', '1', '--seed', 's'];
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

describe('crss quiz history', () => {
  const at = (time: string) => {
    env.TZ = 'UTC';
    env.CRSS_NOW = `2026-12-01T${time}:00.000Z`;
  };
  const quizJson = (input: string, ...args: string[]) => {
    const r = crss(['quiz', '--plain', '--deck', 'quiz-sample', '--json', ...args], input);
    expect(r.status).toBe(0);
    return JSON.parse(r.stdout) as { score: number; total: number; percent: number; passed: boolean | null };
  };
  type Attempt = { at: string; mode: string; filter: Record<string, unknown>; total: number; score: number; percent: number; passed: boolean | null; durationMs: number; byDomain: Record<string, { correct: number; total: number }>; questions: number; answered: number };
  const history = () => JSON.parse(crss(['quiz', 'history', '--json']).stdout) as Attempt[];

  it('lists every quiz and exam newest first, an interrupted one with the answers it got', () => {
    at('10:00');
    const tutor = quizJson('A\nA\nA\n', '--topic', 'trust', '--count', '3', '--seed', 'h1');
    at('11:00');
    const exam = quizJson('A\nA\nA\nA\n', '--exam', '--count', '4', '--seed', 'h2');
    at('12:00');
    const cut = quizJson('A\nA\n', '--count', '5', '--seed', 'h3');
    expect(cut.total).toBe(2);

    const attempts = history();
    expect(attempts.map((a) => [a.at.slice(11, 16), a.mode])).toEqual([['12:00', 'tutor'], ['11:00', 'exam'], ['10:00', 'tutor']]);
    expect(attempts[0]).toMatchObject({ filter: { decks: ['quiz-sample'] }, questions: 5, answered: 2, total: 2, score: cut.score, passed: null });
    expect(attempts[1]).toMatchObject({ filter: { decks: ['quiz-sample'] }, questions: 4, total: 4, score: exam.score, percent: exam.percent, passed: exam.passed });
    expect(Object.keys(attempts[1]!.byDomain)).toEqual(['advocacy', 'mentoring', 'professional-responsibility', 'recovery-support']);
    expect(attempts[2]).toMatchObject({ filter: { topics: ['trust'], decks: ['quiz-sample'] }, total: 3, score: tutor.score, percent: tutor.percent });
    for (const a of attempts) expect(a.durationMs).toBeGreaterThanOrEqual(0);

    const text = crss(['quiz', 'history']).stdout.split('\n');
    expect(text[0]).toMatch(/^WHEN +MODE +FILTER +SCORE +% +RESULT +TIME$/);
    expect(text[1]).toMatch(new RegExp(`^2026-12-01 12:00 tutor --deck quiz-sample +${cut.score}/2 +${cut.percent}% +2/5 +0:0\\d$`));
    expect(text[2]).toMatch(new RegExp(`^2026-12-01 11:00 exam +--deck quiz-sample +${exam.score}/4 +${exam.percent}% +${exam.passed ? 'pass' : 'fail'} +0:0\\d$`));
    expect(text[3]).toMatch(/^2026-12-01 10:00 tutor --topic trust --deck qu… +\d\/3 /);
    for (const line of text) expect(line.length).toBeLessThanOrEqual(80);

    // The cache in $XDG_CACHE_HOME/crss is rebuilt when a log changes.
    expect(readdirSync(join(env.XDG_CACHE_HOME!, 'crss')).some((f) => /^quiz-history-.*\.json$/.test(f))).toBe(true);
    at('13:00');
    quizJson('A\n', '--count', '1', '--seed', 'h4');
    expect(history().map((a) => a.at.slice(11, 16))).toEqual(['13:00', '12:00', '11:00', '10:00']);
  });

  it("reads answers written without attempt fields (older crss, another machine's log)", () => {
    const logs = join(env.CRSS_DATA_DIR!, 'logs');
    mkdirSync(logs, { recursive: true });
    const line = (e: object) => {
      const json = JSON.stringify(e);
      return `{"crc":"${crc32(json).toString(16).padStart(8, '0')}","e":${json}}\n`;
    };
    const answer = (n: number, correct: boolean) => ({ type: 'quiz', id: `old-s1-${n}`, time: `2026-11-20T10:0${n}:00.000Z`, session: 's1', card: `quiz-sample/q${n}`, chosen: correct ? `Right ${n}` : 'x', correct, durationMs: 60_000, quizMode: 'tutor' });
    writeFileSync(join(logs, 'old.jsonl'), [line({ type: 'header', schema: 1, device: 'old' }), line(answer(1, true)), line(answer(2, false))].join(''));
    expect(history()).toEqual([{ at: '2026-11-20T10:00:00.000Z', mode: 'tutor', filter: {}, total: 2, score: 1, percent: 50, passed: null, durationMs: 120_000, byDomain: { none: { correct: 1, total: 2 } }, questions: 2, answered: 2 }]);
    expect(crss(['quiz', 'history']).stdout).toContain(' tutor all ');
    // A log that grew is read on from where the cache left it; one rewritten is read again in full.
    const later = { ...answer(3, true), id: 'old-s2-1', session: 's2', time: '2026-11-21T10:00:00.000Z' };
    writeFileSync(join(logs, 'old.jsonl'), line(later), { flag: 'a' });
    expect(history().map((a) => [a.at, a.score, a.total])).toEqual([['2026-11-21T09:59:00.000Z', 1, 1], ['2026-11-20T10:00:00.000Z', 1, 2]]);
    writeFileSync(join(logs, 'old.jsonl'), [line({ type: 'header', schema: 1, device: 'old' }), line(later)].join(''));
    expect(history().map((a) => [a.at, a.score, a.total])).toEqual([['2026-11-21T09:59:00.000Z', 1, 1]]);
  });

  it('takes only --json, and says when there is nothing yet', () => {
    expect(crss(['quiz', 'history']).stdout).toBe('No quizzes yet. Start one with crss quiz, or a practice exam with crss quiz --exam.\n');
    expect(crss(['quiz', 'history', '--exam'])).toMatchObject({ status: 2, stderr: 'crss: crss quiz history takes only --json, not --exam\n' });
    expect(crss(['quiz', 'histroy'])).toMatchObject({ status: 2, stderr: "crss: unknown quiz action 'histroy' (crss quiz history lists past quizzes)\n" });
  });

  it('before any quiz, stats names the domain with the lowest mastery to practise next', () => {
    const text = crss(['stats']).stdout;
    expect(text).toContain('Practice exams (pass mark 68 of 100)\n  none yet (crss quiz --exam; --count 25 for a short one)\n');
    expect(text).toContain('  no quiz answers in the last 30 days (crss quiz)\n');
    expect(text).toMatch(/\n {2}practise next: [a-z-]+ \(lowest mastery; no quizzes yet\)\n {4}crss quiz --domain [a-z-]+\n/);
    for (const line of text.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
  });

  it('stats shows the practice-exam trend, quiz accuracy by domain and the domain to practise next', () => {
    at('10:00');
    const results = ['h5', 'h6'].map((seed) => quizJson('A\nB\nC\nD\n', '--exam', '--count', '4', '--seed', seed));
    const s = stats().practice as { exams: { percent: number }[]; accuracy: Record<string, { correct: number; total: number }>; next: { domain: string; reason: string } };
    expect(s.exams.map((e) => e.percent)).toEqual(results.map((r) => r.percent));
    expect(Object.values(s.accuracy).reduce((n, t) => n + t.total, 0)).toBe(8);
    const worst = Object.entries(s.accuracy).sort(([a, x], [b, y]) => x.correct / x.total - y.correct / y.total || a.localeCompare(b))[0]![0];
    expect(s.next).toEqual({ domain: worst, reason: 'accuracy' });
    const text = crss(['stats']).stdout;
    const last = results[1]!;
    expect(text).toContain(`Practice exams (pass mark 68 of 100)\n  latest: ${last.score}/4 (${last.percent}%) ${last.passed ? 'PASS' : 'FAIL'} on 2026-12-01\n  last 2 scores, oldest first: ${results.map((r) => Math.round(r.percent)).join(' ')}\n`);
    expect(text).toContain('Quiz accuracy by domain, last 30 days\n');
    expect(text).toContain(`  practise next: ${worst} (lowest quiz accuracy)\n    crss quiz --domain ${worst}\n`);
  });
});

describe('crss quiz --weak', () => {
  it('asks missed questions first, then those answered right, and unseen ones last', () => {
    const first = JSON.parse(crss(['quiz', '--plain', '--deck', 'quiz-sample', '--count', '4', '--seed', 'w1', '--json'], 'A\nA\nA\nA\n').stdout) as { items: Item[] };
    const missed = first.items.filter((i) => !i.correct).map((i) => i.id);
    const right = first.items.filter((i) => i.correct).map((i) => i.id);
    expect(missed.length).toBeGreaterThan(0);
    expect(right.length).toBeGreaterThan(0);
    const weak = JSON.parse(crss(['quiz', '--plain', '--deck', 'quiz-sample', '--weak', '--count', '8', '--seed', 'w2', '--json'], 'A\n'.repeat(8)).stdout) as { items: Item[] };
    const order = weak.items.map((i) => i.id);
    expect(order).toHaveLength(8);
    expect(order.slice(0, missed.length).sort()).toEqual([...missed].sort());
    expect(order.slice(missed.length, 4).sort()).toEqual([...right].sort());
    expect(order.slice(4).every((id) => !first.items.some((i) => i.id === id))).toBe(true);
    // --count takes the weakest.
    const two = JSON.parse(crss(['quiz', '--plain', '--deck', 'quiz-sample', '--weak', '--count', '1', '--seed', 'w3', '--json'], 'A\n').stdout) as { items: Item[] };
    expect(missed).toContain(two.items[0]!.id);
    expect(crss(['quiz', '--weak', '--exam'])).toMatchObject({ status: 2, stderr: 'crss: --weak cannot be combined with --exam\n' });
  });

  it('asks lapsed cards, then cards whose recall has faded (lowest first), after missed ones and before the rest', () => {
    // One question per topic, so that each study session or quiz below touches exactly one card.
    const cards = ['missed', 'lapsed', 'faded-most', 'faded-less', 'strong', 'unseen'];
    const decks = join(env.HOME!, 'decks');
    mkdirSync(decks);
    writeFileSync(join(decks, 'weak.yaml'), `deck: weak\ntitle: Weak-first sample\ncards:\n${cards.map((c) => `  - id: ${c}\n    topics: [${c}]\n    domain: advocacy\n    question: Which option is right for the ${c} card?\n    answer: Right ${c}\n    distractors: [Wrong ${c} one, Wrong ${c} two, Wrong ${c} three]\n    explanation: Because ${c}.\n`).join('')}`);
    env.CRSS_DECKS = decks;
    env.TZ = 'UTC';
    /** Shows the card on `topic` at `time` and gives it `rating`. */
    const rate = (time: string, topic: string, rating: number) => {
      env.CRSS_NOW = time;
      const r = crss(['study', '--plain', '--deck', 'weak', '--topic', topic], `\n${rating}\nq\n`);
      expect(r.stdout, r.stderr).toContain(`Card: weak/${topic}\n`);
    };
    rate('2026-05-01T12:00:00.000Z', 'faded-most', 4); // Easy: due in about a week, then not studied for 7 months
    rate('2026-05-01T12:00:00.000Z', 'lapsed', 4);
    rate('2026-10-12T12:00:00.000Z', 'faded-less', 4); // 7 weeks without study
    rate('2026-11-30T12:00:00.000Z', 'strong', 4); // a day ago: recall above the desired 0.9
    rate('2026-12-01T11:00:00.000Z', 'lapsed', 1); // Again on a card in review: a lapse, studied an hour ago
    env.CRSS_NOW = '2026-12-01T11:30:00.000Z';
    quizOneIn('weak', 'missed', false);

    // The log holds what the tiers are about: a lapse of a card that was in review.
    const lapse = readFileSync(join(env.CRSS_DATA_DIR!, 'logs/practice-device.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l).e).filter((e) => e.type === 'review' && e.card === 'weak/lapsed').at(-1);
    expect(lapse).toMatchObject({ rating: 1, before: { state: 'review', lapses: 0 }, after: { state: 'relearning', lapses: 1 } });

    env.CRSS_NOW = '2026-12-01T12:00:00.000Z';
    const r = crss(['quiz', '--plain', '--deck', 'weak', '--weak', '--seed', 'w', '--json'], 'A\n'.repeat(6));
    expect(r.status, r.stderr).toBe(0);
    // By recall alone the lapsed card (studied an hour ago) would come after both faded ones: lapsed comes first.
    expect((JSON.parse(r.stdout) as { items: Item[] }).items.map((i) => i.id)).toEqual(['weak/missed', 'weak/lapsed', 'weak/faded-most', 'weak/faded-less', 'weak/strong', 'weak/unseen']);
  });
});

describe('crss with no command', () => {
  it('prints a dashboard: due now, new available, missed questions, exam, latest practice exam, what next', () => {
    env.TZ = 'UTC';
    env.CRSS_NOW = '2026-12-01T10:00:00.000Z';
    const fresh = crss([]);
    expect(fresh.status).toBe(0);
    expect(fresh.stderr).toBe('');
    const lines = fresh.stdout.split('\n');
    expect(lines[0]).toBe('crss: Illinois CRSS exam practice');
    expect(fresh.stdout).toContain('  due now               0 cards\n');
    expect(fresh.stdout).toMatch(/\n {2}new available +20 today \(\d+ not studied yet\)\n/);
    expect(fresh.stdout).toContain('  missed questions      none waiting\n');
    expect(fresh.stdout).toContain('  exam                  no date set (crss config set exam-date YYYY-MM-DD)\n');
    expect(fresh.stdout).toContain('  latest practice exam  none yet\n');
    expect(fresh.stdout).toContain('\nNext: crss study  (20 new cards for today)\n');
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);

    crss(['config', 'set', 'exam-date', '2026-12-15']);
    const result = JSON.parse(crss(['quiz', '--plain', '--deck', 'practice', '--exam', '--count', '3', '--seed', 'd1', '--json'], 'x\nx\nx\n').stdout) as { score: number };
    expect(result.score).toBe(0);
    const after = crss(['--data-dir', env.CRSS_DATA_DIR!]).stdout;
    expect(after).toContain('  due now               3 cards\n');
    expect(after).toContain('  missed questions      3 waiting for study (counted in due now)\n');
    expect(after).toContain('  exam                  2026-12-15, in 14 days\n');
    expect(after).toContain('  latest practice exam  0/3 (0%) FAIL on 2026-12-01\n');
    expect(after).toContain('\nNext: crss study  (3 due, missed questions among them)\n');
    expect(crss(['--help']).stdout).toMatch(/^Usage: crss \[options\] \[command\]/);
    env.CRSS_NOW = '2026-12-16T10:00:00.000Z';
    expect(crss([])).toMatchObject({ status: 0, stderr: '' });
    const passed = crss([]).stdout;
    expect(passed).toContain('  exam                  2026-12-15, passed (change: crss config set exam-date)\n');
    for (const line of passed.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });
});

describe('the seed to repeat a quiz', () => {
  it('is printed quoted for the shell, and an empty one is refused', () => {
    const seedLine = (seed: string) => crss(['quiz', '--plain', '--deck', 'practice', '--seed', seed]).stdout.split('\n').find((l) => l.startsWith('Seed: '));
    expect(seedLine('plain-1')).toBe('Seed: plain-1 (crss quiz --seed plain-1 with the same options repeats this quiz)');
    expect(seedLine('a b')).toBe("Seed: 'a b' (crss quiz --seed 'a b' with the same options repeats this quiz)");
    expect(seedLine("it's $HOME")).toBe("Seed: 'it'\\''s $HOME' (crss quiz --seed 'it'\\''s $HOME' with the same options repeats this quiz)");
    expect(crss(['quiz', '--plain', '--seed', ''])).toMatchObject({ status: 2, stderr: 'crss: --seed must not be empty (any word or number repeats a quiz)\n' });
  });
});
