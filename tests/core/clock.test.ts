/** The hybrid logical clock: stamps above the wall clock and every stamp read; the reducer orders by them. */
import { describe, expect, it } from 'vitest';
import { nextStamp, orderStamp } from '../../src/core/clock.js';
import type { HistoryEvent } from '../../src/core/events.js';
import { reduceEvents } from '../../src/core/history.js';

const T = '2026-03-01T09:00:00.000Z';
const plus = (ms: number) => new Date(Date.parse(T) + ms).toISOString();

describe('nextStamp', () => {
  it.each([
    { name: 'nothing read yet: the wall time', wall: T, latest: '', stamp: T },
    { name: 'wall clock ahead of everything read: the wall time', wall: plus(60_000), latest: T, stamp: plus(60_000) },
    { name: 'a stamp read 5 minutes ahead: just above it', wall: T, latest: plus(300_000), stamp: plus(300_001) },
    { name: 'a stamp read 3 hours ahead: just above it', wall: T, latest: plus(3 * 3_600_000), stamp: plus(3 * 3_600_000 + 1) },
    { name: 'the same millisecond: one above', wall: T, latest: T, stamp: plus(1) },
  ])('$name', ({ wall, latest, stamp }) => {
    expect(nextStamp(wall, latest)).toBe(stamp);
  });

  it('orders an event by its stamp, and one from before stamps by its time', () => {
    expect(orderStamp({ time: T, hlc: plus(5) })).toBe(plus(5));
    expect(orderStamp({ time: T })).toBe(T);
  });
});

const base = (id: string, time: string, hlc?: string) => ({ id, time, session: 's', card: 'd/a', ...(hlc ? { hlc } : {}) });

describe('the reducer orders by stamp, not wall time', () => {
  // Machine a's clock runs 5 minutes fast; b saw a's event, then acted 1 minute later (real time).
  const fast = plus(300_000);
  const seen = nextStamp(plus(60_000), fast);

  it.each([
    {
      name: 'an unsuspend after a suspend from a fast clock',
      events: [{ type: 'suspend', ...base('a-s-1', fast, fast), reason: 'manual' }, { type: 'unsuspend', ...base('b-s-1', plus(60_000), seen) }],
      check: (s: ReturnType<typeof reduceEvents>) => expect(s.cards.get('d/a')!.suspended).toBe(false),
    },
    {
      name: 'a bury after an undone bury from a fast clock',
      events: [{ type: 'bury', ...base('a-s-1', fast, fast), until: fast }, { type: 'bury', ...base('b-s-1', plus(60_000), seen), until: plus(86_400_000) }],
      check: (s: ReturnType<typeof reduceEvents>) => expect(s.cards.get('d/a')!.buriedUntil).toBe(plus(86_400_000)),
    },
    {
      name: 'a suspend after an unsuspend from a fast clock, the first one from a log without stamps',
      events: [{ type: 'suspend', ...base('b-s-0', T), reason: 'manual' }, { type: 'unsuspend', ...base('a-s-1', fast, fast) }, { type: 'suspend', ...base('b-s-1', plus(60_000), seen), reason: 'manual' }],
      check: (s: ReturnType<typeof reduceEvents>) => expect(s.cards.get('d/a')!.suspended).toBe('manual'),
    },
  ])('$name', ({ events, check }) => {
    check(reduceEvents(events as HistoryEvent[]));
    check(reduceEvents([...(events as HistoryEvent[])].reverse()));
    expect(reduceEvents(events as HistoryEvent[]).clock).toBe(seen);
  });
});
