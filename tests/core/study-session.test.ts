/** The study session as a pure state machine: queue order, limits, learning steps, undo, leeches. */
import { describe, expect, it } from 'vitest';
import type { CardSchedule } from '../../src/core/events.js';
import { selectionOf } from '../../src/core/catalog.js';
import { RecordMap } from '../../src/core/history.js';
import { earliest, StudySession, type SessionHistory } from '../../src/core/study-session.js';
import type { Card } from '../../src/deck/model.js';
import { createScheduler } from '../../src/scheduler/fsrs.js';

process.env.TZ = 'UTC';
const NOW = new Date('2026-11-26T09:00:00Z');
const scheduler = createScheduler({ retention: 0.9, maxIntervalDays: 365, fuzz: false });
const cards: Card[] = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ kind: 'flashcard', deck: 'd', id, key: `d/${id}`, topics: [], line: 1, front: id, back: id }));

function reviewState(due: string, lapses = 0): CardSchedule {
  return { due, stability: 5, difficulty: 5, scheduledDays: 5, learningSteps: 0, reps: 5, lapses, state: 'review', lastReview: '2026-11-20T09:00:00Z' };
}

/** History records as `crss study` hands them to the session. */
function history(entries: [string, { schedule: CardSchedule | null; suspended: boolean; quizWrong?: boolean }][]): SessionHistory {
  const records = new RecordMap();
  for (const [key, k] of entries) {
    records.set(key, {
      schedule: k.schedule,
      suspended: k.suspended ? 'manual' : false,
      lastEventTime: '2026-11-20T09:00:00.000Z',
      ...(k.quizWrong ? { quizWrongAt: '2026-11-25T09:00:00.000Z' } : {}),
    });
  }
  return records;
}

function session(known: SessionHistory = new RecordMap(), overrides: Partial<ConstructorParameters<typeof StudySession>[3]> = {}) {
  let n = 0;
  return new StudySession(selectionOf(cards), known, scheduler, {
    now: NOW,
    newLeft: 20,
    reviewsLeft: 200,
    cram: false,
    nextEventId: () => `e${++n}`,
    session: 's1',
    contentHash: () => 'hash',
    ...overrides,
  });
}

describe('StudySession', () => {
  it('shows due reviews first (oldest first), then new cards, and skips suspended and buried ones', () => {
    const known = history([
      ['d/c', { schedule: reviewState('2026-11-26T08:00:00Z'), suspended: false }],
      ['d/d', { schedule: reviewState('2026-11-20T08:00:00Z'), suspended: false }],
      ['d/e', { schedule: reviewState('2026-12-20T08:00:00Z'), suspended: false }],
      ['d/b', { schedule: null, suspended: true }],
    ]);
    const s = session(known);
    const order: string[] = [];
    for (let c = s.next(NOW); c; c = s.next(NOW)) {
      order.push(`${c.card.id}:${c.kind}:${c.position}/${c.total}`);
      s.rate(4, NOW, 1000);
    }
    expect(order).toEqual(['d:review:1/3', 'c:review:2/3', 'a:new:3/3']);
  });

  it('respects the daily new and review limits', () => {
    const known = history([
      ['d/c', { schedule: reviewState('2026-11-26T08:00:00Z'), suspended: false }],
      ['d/d', { schedule: reviewState('2026-11-20T08:00:00Z'), suspended: false }],
    ]);
    const s = session(known, { newLeft: 1, reviewsLeft: 1 });
    expect(s.counts()).toEqual({ new: 1, learning: 0, review: 1 });
  });

  it('brings a card rated Again back when its learning step is due', () => {
    const s = session();
    const first = s.next(NOW)!;
    const out = s.rate(1, NOW, 500);
    expect(out.events[0]).toMatchObject({ type: 'review', card: 'd/a', rating: 1, before: null, durationMs: 500, contentHash: 'hash' });
    expect(s.counts().learning).toBe(1);
    const later = new Date(NOW.getTime() + 2 * 60_000);
    expect(s.next(later)!.card.key).toBe(first.card.key);
  });

  it('shows a learning card early when nothing else is left', () => {
    const s = new StudySession(selectionOf([cards[0]!]), new RecordMap(), scheduler, { now: NOW, newLeft: 20, reviewsLeft: 200, cram: false, nextEventId: () => 'x', session: 's', contentHash: () => 'h' });
    s.next(NOW);
    s.rate(3, NOW, 1);
    const c = s.next(NOW)!;
    expect(c.kind).toBe('learning');
    expect(c.position).toBe(2);
  });

  it('undo restores the card, its schedule and the queue, and emits an undo event', () => {
    const s = session();
    s.next(NOW);
    const rated = s.rate(3, NOW, 1).events[0]!;
    const next = s.next(NOW)!;
    expect(next.card.key).toBe('d/b');
    const undo = s.undo(NOW);
    expect(undo).toEqual([{ type: 'undo', id: 'e2', time: NOW.toISOString(), session: 's1', target: rated.id, card: 'd/a', restore: null }]);
    const back = s.next(NOW)!;
    expect([back.card.key, back.position, back.schedule]).toEqual(['d/a', 1, null]);
    expect(s.stats.reviewed).toBe(0);
  });

  it('suspends a card as a leech at its 8th lapse', () => {
    const known = history([['d/a', { schedule: reviewState('2026-11-26T08:00:00Z', 7), suspended: false }]]);
    const s = session(known, { newLeft: 0 });
    s.next(NOW);
    const out = s.rate(1, NOW, 1);
    expect(out.leech).toBe(true);
    expect(out.events.map((e) => e.type)).toEqual(['review', 'suspend']);
    expect(out.events[1]).toMatchObject({ reason: 'leech', card: 'd/a' });
    expect(s.next(NOW)).toBeNull();
    expect(s.undo(NOW).map((e) => e.type)).toEqual(['unsuspend', 'undo']);
  });

  it('cram orders by lowest retrievability and changes no schedule', () => {
    const known = history([
      ['d/a', { schedule: reviewState('2026-12-26T08:00:00Z'), suspended: false }],
      ['d/b', { schedule: { ...reviewState('2026-11-27T08:00:00Z'), stability: 0.5, lastReview: '2026-11-10T09:00:00Z' }, suspended: false }],
    ]);
    const s = new StudySession(selectionOf(cards.slice(0, 2)), known, scheduler, { now: NOW, newLeft: 20, reviewsLeft: 200, cram: true, nextEventId: () => 'x', session: 's', contentHash: () => 'h' });
    expect(s.next(NOW)!.card.key).toBe('d/b');
    const out = s.rate(1, NOW, 1);
    expect(out.events).toEqual([{ type: 'cram', id: 'x', time: NOW.toISOString(), session: 's', card: 'd/b', rating: 1, durationMs: 1 }]);
    expect(s.next(NOW)!.card.key).toBe('d/a');
    s.rate(3, NOW, 1);
    expect(s.next(NOW)!.card.key).toBe('d/b');
  });

  it('a wrong quiz answer makes a card due whatever its schedule says', () => {
    const known = history([['d/a', { schedule: reviewState('2026-12-26T08:00:00Z'), suspended: false, quizWrong: true }]]);
    const s = session(known, { newLeft: 0 });
    expect(s.next(NOW)!.card.key).toBe('d/a');
  });
});

describe('StudySession.nextDue', () => {
  it('is the earliest future due time of the selection as the session left it: ratings count, suspensions do not, undo restores', () => {
    const s = session(
      history([
        ['d/c', { schedule: reviewState('2026-12-01T08:00:00Z'), suspended: false }],
        ['d/d', { schedule: reviewState('2026-11-27T08:00:00Z'), suspended: true }],
        ['d/e', { schedule: reviewState('2026-11-26T08:00:00Z'), suspended: false }], // due now: not future
      ]),
      { newLeft: 1 },
    );
    expect(s.nextDue(NOW)).toEqual(new Date('2026-12-01T08:00:00Z'));
    expect(s.next(NOW)!.card.key).toBe('d/e');
    const rated = s.rate(1, NOW, 1).events[0] as { after: CardSchedule };
    expect(s.nextDue(NOW)).toEqual(new Date(rated.after.due)); // Again: minutes from now
    expect(s.next(NOW)!.card.key).toBe('d/a');
    s.suspend(NOW);
    expect(s.nextDue(NOW)).toEqual(new Date(rated.after.due));
    s.undo(NOW); // the suspension
    s.undo(NOW); // the rating: d/e is due now again, not in the future
    expect(s.nextDue(NOW)).toEqual(new Date('2026-12-01T08:00:00Z'));
  });
});

describe('earliest', () => {
  it('keeps the k cards due first, in order, ties in position order, as a stable sort would', () => {
    const due = [5, 0, 3, 9, 3, 1, 3, 7, 3];
    const positions = [0, 2, 3, 4, 5, 6, 7, 8]; // position 1 is not a candidate
    for (let k = 0; k <= positions.length + 1; k++) {
      const sorted = [...positions].sort((a, b) => due[a]! - due[b]!).slice(0, k);
      expect(earliest(Int32Array.from(positions), Float64Array.from(positions, (p) => due[p]!), k)).toEqual(sorted);
    }
    expect(earliest(Int32Array.from(positions), Float64Array.from(positions, (p) => due[p]!), 3)).toEqual([5, 2, 4]);
  });
});

describe('earliest on many cards', () => {
  it('agrees with a full stable sort on thousands of random due times with many ties', () => {
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const due = Array.from({ length: 5000 }, () => Math.floor(random() * 300));
    const positions = due.map((_, i) => i).filter(() => random() < 0.8);
    for (const k of [1, 2, 50, 199, 200, 1000, positions.length - 1, positions.length]) {
      expect(earliest(Int32Array.from(positions), Float64Array.from(positions, (p) => due[p]!), k)).toEqual([...positions].sort((a, b) => due[a]! - due[b]!).slice(0, k));
    }
  });
});
