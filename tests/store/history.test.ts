/** The pure history reducer: what each event does to a card, and that the order events arrive in never matters. */
import { describe, expect, it } from 'vitest';
import type { CardSchedule, HistoryEvent } from '../../src/core/events.js';
import { applyEvent, emptyHistory, isDue, isForgotten, reduceEvents, type CardRecord, type HistoryState } from '../../src/core/history.js';

/** Minute `m` of 2026-01-01, UTC. */
const at = (m: number) => new Date(Date.UTC(2026, 0, 1, 0, m)).toISOString();

function schedule(reps: number, due = at(1000 + reps)): CardSchedule {
  return { due, stability: reps, difficulty: 5, scheduledDays: 1, learningSteps: 0, reps, lapses: 0, state: 'review', lastReview: at(reps) };
}

const S0 = schedule(1);
const S1 = schedule(2);
const S2 = schedule(3);
const S3 = schedule(4);

const base = (id: string, minute: number) => ({ id, time: at(minute), session: 's' });
const ev = {
  review: (id: string, m: number, before: CardSchedule | null, after: CardSchedule, card = 'd/a'): HistoryEvent => ({
    type: 'review', ...base(id, m), card, rating: 3, durationMs: 1000, contentHash: `h-${id}`, before, after,
  }),
  undo: (id: string, m: number, target: string, restore?: CardSchedule | null, card = 'd/a'): HistoryEvent =>
    restore === undefined ? { type: 'undo', ...base(id, m), card, target } : { type: 'undo', ...base(id, m), card, target, restore },
  cram: (id: string, m: number, card = 'd/a'): HistoryEvent => ({ type: 'cram', ...base(id, m), card, rating: 1, durationMs: 1 }),
  quiz: (id: string, m: number, correct: boolean, card = 'd/a'): HistoryEvent => ({
    type: 'quiz', ...base(id, m), card, chosen: correct ? 'right' : 'wrong', correct, durationMs: 1, quizMode: 'tutor',
  }),
  suspend: (id: string, m: number, reason: 'manual' | 'leech' = 'manual', card = 'd/a'): HistoryEvent => ({ type: 'suspend', ...base(id, m), card, reason }),
  unsuspend: (id: string, m: number, card = 'd/a'): HistoryEvent => ({ type: 'unsuspend', ...base(id, m), card }),
  bury: (id: string, m: number, until: string, card = 'd/a'): HistoryEvent => ({ type: 'bury', ...base(id, m), card, until }),
  forget: (id: string, m: number, card = 'd/a'): HistoryEvent => ({ type: 'forget', ...base(id, m), card }),
};

/** The event with a clock stamp at minute `m` (its wall time stays: a machine whose clock is off). */
const stampedAt = (e: HistoryEvent, m: number): HistoryEvent => ({ ...e, hlc: at(m) });

function* permutations<T>(items: T[]): Generator<T[]> {
  if (items.length <= 1) {
    yield items;
    return;
  }
  for (let i = 0; i < items.length; i++) {
    const rest = [...items.slice(0, i), ...items.slice(i + 1)];
    for (const p of permutations(rest)) yield [items[i]!, ...p];
  }
}

/** Plain data for comparing states (Sets sorted, so only content counts). */
function plain(state: HistoryState) {
  return { reviewCount: state.reviewCount, undone: [...state.undone].sort(), cards: Object.fromEntries([...state.cards].sort(([a], [b]) => a.localeCompare(b))) };
}

interface Case {
  name: string;
  events: HistoryEvent[];
  /** Fields of card d/a after all events (only the listed ones are compared). */
  card?: Partial<CardRecord>;
  /** Fields that must be absent on d/a. */
  absent?: (keyof CardRecord)[];
  reviewCount?: number;
}

const cases: Case[] = [
  { name: 'a review sets the schedule', events: [ev.review('r1', 1, null, S0)], card: { schedule: S0, contentHash: 'h-r1', lastReviewTime: at(1), firstReviewTime: at(1), lastEventTime: at(1) }, reviewCount: 1 },
  { name: 'the later review wins', events: [ev.review('r1', 1, null, S0), ev.review('r2', 2, S0, S1)], card: { schedule: S1, lastReviewTime: at(2), firstReviewTime: at(1) }, reviewCount: 2 },
  { name: 'same time: the larger id wins', events: [ev.review('b-1', 1, null, S1), ev.review('a-1', 1, null, S0)], card: { schedule: S1, contentHash: 'h-b-1' }, reviewCount: 2 },
  {
    name: 'undo restores the schedule before the review it takes back',
    events: [ev.review('r1', 1, null, S0), ev.review('r2', 2, S0, S1), ev.undo('u1', 3, 'r2', S0)],
    card: { schedule: S0, lastEventTime: at(3) },
    reviewCount: 1,
  },
  { name: 'undo of the first review makes the card new again', events: [ev.review('r1', 1, null, S0), ev.undo('u1', 2, 'r1', null)], card: { schedule: null }, reviewCount: 0 },
  {
    name: 'undo of a review that no longer sets the schedule changes nothing but the count',
    events: [ev.review('r1', 1, null, S0), ev.review('r2', 3, S0, S2), ev.undo('u1', 4, 'r1', null)],
    card: { schedule: S2 },
    reviewCount: 1,
  },
  {
    name: 'after an undo, a later review from another machine still wins',
    events: [ev.review('a-1', 1, null, S0), ev.undo('a-2', 5, 'a-1', null), ev.review('b-1', 3, null, S1)],
    card: { schedule: S1, contentHash: 'h-b-1' },
    reviewCount: 1,
  },
  { name: 'undo of a cram answer leaves the count alone', events: [ev.review('r1', 1, null, S0), ev.cram('c1', 2), ev.undo('u1', 3, 'c1')], card: { schedule: S0 }, reviewCount: 1 },
  { name: 'the same undo twice counts once', events: [ev.review('r1', 1, null, S0), ev.undo('u1', 2, 'r1', null), ev.undo('u2', 3, 'r1', null)], card: { schedule: null }, reviewCount: 0 },
  { name: 'cram and quiz answers are not reviews', events: [ev.cram('c1', 1), ev.quiz('q1', 2, true)], card: { schedule: null }, absent: ['lastReviewTime', 'quizWrongAt'], reviewCount: 0 },
  { name: 'suspend', events: [ev.suspend('s1', 1, 'leech')], card: { suspended: 'leech' } },
  { name: 'the later of suspend and unsuspend wins (unsuspend later)', events: [ev.suspend('s1', 1), ev.unsuspend('s2', 2)], card: { suspended: false } },
  { name: 'the later of suspend and unsuspend wins (suspend later)', events: [ev.unsuspend('s1', 1), ev.suspend('s2', 2)], card: { suspended: 'manual' } },
  { name: 'the later bury wins', events: [ev.bury('b1', 1, at(100)), ev.bury('b2', 2, at(50))], card: { buriedUntil: at(50) } },
  {
    name: 'forget drops everything before it',
    events: [ev.review('r1', 1, null, S0), ev.suspend('s1', 2), ev.bury('b1', 3, at(100)), ev.quiz('q1', 4, false), ev.forget('f1', 5)],
    card: { schedule: null, suspended: false, forgottenAt: at(5), lastEventTime: at(5) },
    absent: ['buriedUntil', 'quizWrongAt', 'lastReviewTime', 'firstReviewTime', 'contentHash'],
    reviewCount: 1,
  },
  {
    name: 'forget keeps what came after it',
    events: [ev.review('r1', 1, null, S0), ev.forget('f1', 2), ev.review('r2', 3, null, S1), ev.suspend('s1', 4)],
    card: { schedule: S1, suspended: 'manual', lastReviewTime: at(3), firstReviewTime: at(3), forgottenAt: at(2) },
    reviewCount: 2,
  },
  { name: 'a wrong quiz answer after the last review makes the card due', events: [ev.review('r1', 1, null, S0), ev.quiz('q1', 2, false)], card: { quizWrongAt: at(2) } },
  { name: 'a wrong quiz answer before the last review does not', events: [ev.quiz('q1', 1, false), ev.review('r1', 2, null, S0)], absent: ['quizWrongAt'] },
  { name: 'the later of two wrong answers is kept', events: [ev.review('r1', 1, null, S0), ev.quiz('q1', 2, false), ev.quiz('q2', 3, false)], card: { quizWrongAt: at(3) } },
  { name: 'a right quiz answer does not', events: [ev.review('r1', 1, null, S0), ev.quiz('q1', 2, true)], absent: ['quizWrongAt'] },
  { name: 'a review at the same time as a wrong answer clears it', events: [ev.quiz('q1', 2, false), ev.review('r1', 2, null, S0)], absent: ['quizWrongAt'] },
  {
    // Machine b (clock right) missed it at 10:00; machine a (clock 3 hours behind) reviewed after reading that.
    name: 'a review stamped after a wrong answer clears it, though its wall time is hours earlier',
    events: [stampedAt(ev.review('a-1', 1, null, S0), 1), stampedAt(ev.quiz('b-1', 200, false), 200), stampedAt(ev.review('a-2', 20, S0, S1), 201)],
    card: { schedule: S1 },
    absent: ['quizWrongAt', 'quizWrongBy'],
  },
  {
    name: 'a wrong answer stamped after a review keeps the card due, though its wall time is hours earlier',
    events: [stampedAt(ev.review('b-1', 200, null, S0), 200), stampedAt(ev.quiz('a-1', 20, false), 201)],
    card: { quizWrongAt: at(20), quizWrongBy: `${at(201)} a-1` },
  },
  {
    name: 'of two wrong answers the one stamped later is kept, whatever their wall times',
    events: [stampedAt(ev.quiz('b-1', 200, false), 200), stampedAt(ev.quiz('a-1', 20, false), 201)],
    card: { quizWrongAt: at(20), quizWrongBy: `${at(201)} a-1` },
  },
  {
    name: 'an answer from a log before stamps orders by its time against a stamped review',
    events: [ev.quiz('q1', 5, false), stampedAt(ev.review('r1', 1, null, S0), 4)],
    card: { quizWrongAt: at(5), quizWrongBy: `${at(5)} q1` },
  },
  {
    name: 'forget drops a wrong answer stamped before it, whatever its wall time',
    events: [stampedAt(ev.quiz('b-1', 200, false), 200), stampedAt(ev.forget('a-1', 20), 201)],
    absent: ['quizWrongAt', 'quizWrongBy'],
  },
  {
    name: 'forget keeps a wrong answer stamped after it',
    events: [stampedAt(ev.forget('b-1', 200), 200), stampedAt(ev.quiz('a-1', 20, false), 201)],
    card: { quizWrongAt: at(20) },
  },
];

describe('applyEvent', () => {
  it.each(cases)('$name', ({ events, card, absent, reviewCount }) => {
    const state = reduceEvents(events);
    const r = state.cards.get('d/a')!;
    if (card) expect(r).toMatchObject(card);
    for (const field of absent ?? []) expect(r[field], field).toBeUndefined();
    if (reviewCount !== undefined) expect(state.reviewCount).toBe(reviewCount);
  });

  it.each(cases)('gives the same state in every order: $name', ({ events }) => {
    const expected = plain(reduceEvents(events));
    for (const order of permutations(events)) expect(plain(reduceEvents(order))).toEqual(expected);
  });

  it('merges two machines whatever the order their logs are read in, and however they interleave', () => {
    const laptop = [
      ev.review('laptop-1', 1, null, S0),
      // The laptop had synced the desktop's review of d/b (its `before`), then rated and undid.
      ev.review('laptop-2', 10, S3, S1, 'd/b'),
      ev.undo('laptop-3', 11, 'laptop-2', S3, 'd/b'),
      ev.quiz('laptop-4', 20, false),
      ev.suspend('laptop-5', 30, 'leech', 'd/c'),
      ev.forget('laptop-6', 40, 'd/e'),
    ];
    const desktop = [
      ev.review('desktop-1', 5, null, S2),
      ev.review('desktop-2', 8, null, S3, 'd/b'),
      ev.unsuspend('desktop-3', 35, 'd/c'),
      ev.review('desktop-4', 39, null, S0, 'd/e'),
      ev.review('desktop-5', 41, null, S1, 'd/e'),
      ev.bury('desktop-6', 42, at(500), 'd/b'),
    ];
    const expected = plain(reduceEvents([...laptop, ...desktop]));
    expect(plain(reduceEvents([...desktop, ...laptop]))).toEqual(expected);
    // Interleavings that keep each machine's own order (a snapshot holding part of one log, then more of both).
    for (let split = 0; split <= laptop.length; split++) {
      const order = [...laptop.slice(0, split), ...desktop.slice(0, 3), ...laptop.slice(split), ...desktop.slice(3)];
      expect(plain(reduceEvents(order))).toEqual(expected);
    }
    const a = expected.cards['d/a']!;
    expect(a).toMatchObject({ schedule: S2, quizWrongAt: at(20) });
    expect(expected.cards['d/b']).toMatchObject({ schedule: S3, buriedUntil: at(500) }); // the laptop's review was undone
    expect(expected.cards['d/c']).toMatchObject({ suspended: false });
    expect(expected.cards['d/e']).toMatchObject({ schedule: S1, forgottenAt: at(40), lastReviewTime: at(41) });
    expect(expected.reviewCount).toBe(5);
  });

  it('gives the same state for 200 random shuffles of a random two-machine history', () => {
    let seed = 12345;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const pick = <T,>(items: T[]): T => items[Math.floor(random() * items.length)]!;
    const schedules = [S0, S1, S2, S3];
    const events: HistoryEvent[] = [];
    for (const device of ['a', 'b']) {
      const reviews: HistoryEvent[] = [];
      for (let i = 0; i < 40; i++) {
        const id = `${device}-${i}`;
        const m = Math.floor(random() * 60);
        const card = pick(['d/a', 'd/b', 'd/c']);
        const kind = random();
        let e: HistoryEvent;
        if (kind < 0.45) e = ev.review(id, m, pick([null, ...schedules]), pick(schedules), card);
        else if (kind < 0.55 && reviews.length > 0) {
          const target = pick(reviews) as Extract<HistoryEvent, { type: 'review' }>;
          e = ev.undo(id, m, target.id, target.before, target.card);
        } else if (kind < 0.65) e = ev.quiz(id, m, random() < 0.5, card);
        else if (kind < 0.75) e = pick([ev.suspend(id, m, 'manual', card), ev.unsuspend(id, m, card)]);
        else if (kind < 0.85) e = ev.bury(id, m, at(Math.floor(random() * 100)), card);
        else if (kind < 0.9) e = ev.forget(id, m, card);
        else e = ev.cram(id, m, card);
        if (e.type === 'review') reviews.push(e);
        events.push(e);
      }
    }
    // firstReviewTime is the one documented estimate (reviews on both sides of a forget read before it).
    const comparable = (state: HistoryState) => {
      const p = plain(state);
      for (const r of Object.values(p.cards)) delete r.firstReviewTime;
      return p;
    };
    const expected = comparable(reduceEvents(events));
    for (let n = 0; n < 200; n++) {
      const shuffled = [...events];
      for (let i = shuffled.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
      }
      expect(comparable(reduceEvents(shuffled))).toEqual(expected);
    }
  });

  it('changes the state in place and returns nothing (documented for speed)', () => {
    const state = emptyHistory();
    expect(applyEvent(state, ev.review('r1', 1, null, S0))).toBeUndefined();
    expect(state.reviewCount).toBe(1);
  });
});

describe('the same event read twice', () => {
  it('counts once, whatever order the copies arrive in, and leaves the state as one copy does', () => {
    const events = [ev.review('r1', 1, null, S0), ev.review('r2', 2, S0, S1), ev.undo('u1', 3, 'r2', S0), ev.review('r3', 4, S0, S2, 'd/b'), ev.suspend('s1', 5), ev.bury('b1', 6, at(100), 'd/b')];
    const once = plain(reduceEvents(events));
    expect(once.reviewCount).toBe(2);
    for (const twice of [[...events, ...events], [...events].reverse().concat(events), events.flatMap((e) => [e, e])]) {
      expect(plain(reduceEvents(twice))).toEqual(once);
    }
  });
});

describe('isForgotten', () => {
  it.each([
    { events: [ev.review('r1', 1, null, S0), ev.forget('f1', 2)], forgotten: true },
    { events: [ev.forget('f1', 2), ev.review('r1', 1, null, S0)], forgotten: true },
    { events: [ev.forget('f1', 2), ev.review('r1', 3, null, S0)], forgotten: false },
    { events: [ev.review('r1', 1, null, S0)], forgotten: false },
  ])('%#', ({ events, forgotten }) => {
    expect(isForgotten(reduceEvents(events).cards.get('d/a')!)).toBe(forgotten);
  });
});

describe('isDue', () => {
  const now = new Date(at(1001.5));
  const record = (extra: Partial<CardRecord>): CardRecord => ({ schedule: S0, suspended: false, lastEventTime: at(1), ...extra });
  it.each([
    { name: 'due before now', r: record({}), due: true },
    { name: 'due later', r: record({ schedule: S3 }), due: false },
    { name: 'new card (no schedule)', r: record({ schedule: null }), due: false },
    { name: 'suspended', r: record({ suspended: 'manual' }), due: false },
    { name: 'leech', r: record({ suspended: 'leech' }), due: false },
    { name: 'buried past now', r: record({ buriedUntil: at(2000) }), due: false },
    { name: 'burial over', r: record({ buriedUntil: at(1000) }), due: true },
    { name: 'not due but wrong in a quiz', r: record({ schedule: S3, quizWrongAt: at(2) }), due: true },
    { name: 'wrong in a quiz but suspended', r: record({ quizWrongAt: at(2), suspended: 'manual' }), due: false },
    { name: 'wrong in a quiz but buried', r: record({ quizWrongAt: at(2), buriedUntil: at(2000) }), due: false },
  ])('$name', ({ r, due }) => {
    expect(isDue(r, now)).toBe(due);
  });
});
