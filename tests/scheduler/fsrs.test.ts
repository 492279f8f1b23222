/** FSRS conformance on the reference values published in the ts-fsrs, py-fsrs and fsrs-rs test suites. */
import { describe, expect, it } from 'vitest';
import type { CardSchedule, Rating } from '../../src/core/events.js';
import { createScheduler, recallProbability } from '../../src/scheduler/fsrs.js';

describe('FSRS adapter', () => {
  it('gives the reference interval sequence (default parameters, fuzz off)', () => {
    const scheduler = createScheduler({ retention: 0.9, maxIntervalDays: 36500, fuzz: false });
    const ratings: Rating[] = [3, 3, 3, 3, 3, 3, 1, 1, 3, 3, 3, 3, 3];
    let now = new Date('2022-11-29T12:30:00Z');
    let schedule: CardSchedule | null = null;
    const intervals: number[] = [];
    for (const rating of ratings) {
      schedule = scheduler.rate(schedule, now, rating);
      intervals.push(schedule.scheduledDays);
      now = new Date(schedule.due);
    }
    expect(intervals).toEqual([0, 2, 11, 46, 163, 498, 0, 0, 2, 4, 7, 12, 21]);
  });

  it('follows the reference forgetting curve at stability 1', () => {
    const values = [0, 1, 2, 3].map((t) => recallProbability(t, 1));
    expect(values[0]).toBe(1);
    expect(values[1]).toBeCloseTo(0.9, 8);
    expect(values[2]).toBeCloseTo(0.84588465, 8);
    expect(values[3]).toBeCloseTo(0.8093881, 7);
  });

  it('previews all four ratings without changing anything, and retrievability is 0 for new cards', () => {
    const scheduler = createScheduler({ retention: 0.9, maxIntervalDays: 365, fuzz: false });
    const now = new Date('2026-01-01T09:00:00Z');
    const preview = scheduler.preview(null, now);
    expect(Object.keys(preview)).toEqual(['1', '2', '3', '4']);
    expect(preview[4].scheduledDays).toBeGreaterThan(preview[3].scheduledDays);
    expect(preview[3]).toEqual(scheduler.rate(null, now, 3));
    expect(scheduler.retrievability(null, now)).toBe(0);
  });

  it('caps intervals at the maximum interval', () => {
    const scheduler = createScheduler({ retention: 0.9, maxIntervalDays: 30, fuzz: false });
    let now = new Date('2026-01-01T09:00:00Z');
    let s: CardSchedule | null = null;
    for (let i = 0; i < 8; i++) {
      s = scheduler.rate(s, now, 4);
      now = new Date(s.due);
    }
    expect(s!.scheduledDays).toBe(30);
  });
});

describe('exam date', () => {
  it('caps every interval so the card comes up again the day before the exam', () => {
    const dueBy = new Date('2026-03-09T00:00:00Z');
    const scheduler = createScheduler({ retention: 0.9, maxIntervalDays: 365, fuzz: false, dueBy });
    const first = scheduler.rate(null, new Date('2026-03-01T09:00:00Z'), 4);
    expect(new Date(first.due).getTime()).toBeLessThanOrEqual(dueBy.getTime());
    const second = scheduler.rate(first, new Date('2026-03-05T09:00:00Z'), 4);
    expect(second.due).toBe('2026-03-09T00:00:00.000Z');
    expect(second.scheduledDays).toBe(3);
    const uncapped = createScheduler({ retention: 0.9, maxIntervalDays: 365, fuzz: false }).rate(first, new Date('2026-03-05T09:00:00Z'), 4);
    expect(uncapped.scheduledDays).toBeGreaterThan(3);
  });
});
