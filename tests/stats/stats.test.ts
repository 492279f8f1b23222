/** Every stats figure from fixed dates and a made-up history, and the text screen at 80 columns. */
import { describe, expect, it } from 'vitest';
import type { CardSchedule, HistoryEvent } from '../../src/core/events.js';
import { computeStats, type CardView } from '../../src/core/stats.js';
import type { Card } from '../../src/deck/model.js';
import { formatStats } from '../../src/format/stats.js';
import { createScheduler } from '../../src/scheduler/fsrs.js';
import { noColors } from '../../src/terminal/color.js';

process.env.TZ = 'UTC';
const NOW = new Date('2026-11-26T12:00:00Z');
const scheduler = createScheduler({ retention: 0.9, maxIntervalDays: 365, fuzz: false });

function card(id: string, domain: Card['domain'], topics: string[]): Card {
  return { kind: 'flashcard', deck: 'd', id, key: `d/${id}`, topics, line: 1, front: id, back: id, ...(domain ? { domain } : {}) };
}

function review(due: string, stability: number, lastReview: string): CardSchedule {
  return { due, stability, difficulty: 5, scheduledDays: 1, learningSteps: 0, reps: 3, lapses: 0, state: 'review', lastReview };
}

const cards = [
  card('a', 'advocacy', ['trust']),
  card('b', 'advocacy', ['trust', 'rapport']),
  card('c', 'mentoring', ['rapport']),
  card('d', 'mentoring', ['rapport']),
  card('e', 'recovery-support', ['hope']),
];

const records = new Map<string, CardView>([
  ['d/a', { schedule: review('2026-11-26T08:00:00Z', 10, '2026-11-16T08:00:00Z'), suspended: false, due: true }],
  ['d/b', { schedule: review('2026-11-28T08:00:00Z', 2, '2026-11-26T08:00:00Z'), suspended: false, due: false }],
  ['d/c', { schedule: { ...review('2026-11-26T12:10:00Z', 0.5, '2026-11-26T12:00:00Z'), state: 'learning' }, suspended: false, due: false }],
  ['d/d', { schedule: review('2026-12-30T08:00:00Z', 40, '2026-11-20T08:00:00Z'), suspended: 'leech', due: false }],
]);

let seq = 0;
function ev(type: 'review', time: string, cardKey: string, rating: 1 | 2 | 3 | 4, beforeState: CardSchedule['state'] | null): HistoryEvent {
  const before = beforeState === null ? null : { ...review(time, 1, time), state: beforeState };
  return { type, id: `e${++seq}`, time, session: 's', card: cardKey, rating, durationMs: 1000, contentHash: 'h', before, after: review(time, 2, time) };
}

const events: HistoryEvent[] = [
  ev('review', '2026-11-26T08:00:00Z', 'd/b', 3, 'review'),
  ev('review', '2026-11-25T08:00:00Z', 'd/a', 1, 'review'),
  ev('review', '2026-11-25T09:00:00Z', 'd/a', 3, 'review'),
  ev('review', '2026-11-24T09:00:00Z', 'd/c', 3, null),
  ev('review', '2026-10-01T09:00:00Z', 'd/a', 4, 'review'),
  { type: 'undo', id: 'u1', time: '2026-11-26T08:01:00Z', session: 's', target: 'e1', card: 'd/b', restore: null },
  { type: 'quiz', id: 'q1', time: '2026-11-20T10:00:00Z', session: 'quiz1', card: 'd/a', chosen: 'x', correct: true, durationMs: 1, quizMode: 'tutor' },
  { type: 'quiz', id: 'q2', time: '2026-11-20T10:01:00Z', session: 'quiz1', card: 'd/b', chosen: 'y', correct: false, durationMs: 1, quizMode: 'tutor' },
  { type: 'quiz', id: 'q3', time: '2026-11-10T10:00:00Z', session: 'quiz0', card: 'd/c', chosen: 'z', correct: true, durationMs: 1, quizMode: 'exam' },
];

const input = { cards, records, events, now: NOW, desiredRetention: 0.9, retrievability: scheduler.retrievability, examDate: new Date('2026-12-06T00:00:00Z') };

describe('computeStats', () => {
  const stats = computeStats(input);

  it('counts reviews (undone ones excluded), cards with state, and states', () => {
    expect(stats.reviews).toBe(4);
    expect(stats.cards).toBe(4);
    expect(stats.due).toBe(1);
    expect(stats.states).toEqual({ new: 1, learning: 1, review: 2, suspended: 1 });
  });

  it('forecasts 30 days of due cards, overdue counted today', () => {
    expect(stats.forecast).toHaveLength(30);
    expect(stats.forecast.slice(0, 4)).toEqual([2, 0, 1, 0]);
    expect(stats.forecast.reduce((a, b) => a + b, 0)).toBe(3);
  });

  it('counts reviews per day over the last 12 weeks', () => {
    expect(stats.reviewsByDay).toEqual({ '2026-11-25': 2, '2026-11-24': 1, '2026-10-01': 1 });
  });

  it('computes true retention over review-state cards in the last 30 days', () => {
    expect(stats.retention).toEqual({ true: 0.5, desired: 0.9, reviews: 2 });
  });

  it('computes mastery as mean retrievability with unseen cards at 0', () => {
    const ra = scheduler.retrievability(records.get('d/a')!.schedule, NOW);
    const rb = scheduler.retrievability(records.get('d/b')!.schedule, NOW);
    expect(stats.byDomain.advocacy).toEqual({ cards: 2, studied: 2, mastery: Math.round(((ra + rb) / 2) * 1000) / 1000 });
    expect(stats.byDomain['recovery-support']).toEqual({ cards: 1, studied: 0, mastery: 0 });
    expect(stats.byTopic.trust!.cards).toBe(2);
  });

  it('lists leeches and the latest quiz score per domain', () => {
    expect(stats.leeches).toEqual(['d/d']);
    expect(stats.quizByDomain).toEqual({
      advocacy: { correct: 1, total: 2, date: '2026-11-20' },
      mentoring: { correct: 1, total: 1, date: '2026-11-10' },
    });
  });

  it('predicts exam-day recall and the reviews a day needed', () => {
    const r = stats.readiness!;
    expect(r.examDate).toBe('2026-12-06');
    expect(r.daysLeft).toBe(10);
    const at = (k: string) => scheduler.retrievability(records.get(k)!.schedule, input.examDate);
    expect(r.byDomain.advocacy).toBeCloseTo((at('d/a') + at('d/b')) / 2, 3);
    expect(r.overall).toBeCloseTo((at('d/a') + at('d/b') + at('d/c') + at('d/d')) / 5, 3);
    expect(r.atRisk.map((x) => x.card)).toEqual(['d/c', 'd/b', 'd/a']);
    // a, b and c fall due before the exam, e is unseen (d is suspended): 4 cards over 10 days.
    expect(r.reviewsPerDayNeeded).toBe(1);
  });

  it('names cards of no exam domain so on screen, and "none" in the figures', () => {
    const withCredential = computeStats({ ...input, cards: [...cards, card('f', undefined, ['credential'])] });
    expect(Object.keys(withCredential.byDomain)).toContain('none');
    const text = formatStats(withCredential, NOW, noColors);
    expect(text).toMatch(/^ {2}no exam domain +1 +0 +░{10} +0%$/m);
    expect(text).not.toMatch(/^ {2}none /m);
  });

  it('renders at 80 columns, the same every time', () => {
    const text = formatStats(stats, NOW, noColors);
    for (const line of text.split('\n')) expect([...line].length, line).toBeLessThanOrEqual(80);
    expect(text).toMatchSnapshot();
  });
});
