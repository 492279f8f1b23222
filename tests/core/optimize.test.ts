/** The optimizer's decision and its input, without the native module. */
import { describe, expect, it } from 'vitest';
import type { HistoryEvent } from '../../src/core/events.js';
import { reviewSequences, shouldAdopt } from '../../src/core/optimize.js';

process.env.TZ = 'UTC';

function review(id: string, card: string, time: string, rating: 1 | 2 | 3 | 4): HistoryEvent {
  const after = { due: time, stability: 1, difficulty: 5, scheduledDays: 0, learningSteps: 0, reps: 1, lapses: 0, state: 'review' as const };
  return { type: 'review', id, time, session: 's', card, rating, durationMs: 1, contentHash: 'h', before: null, after };
}

describe('optimizer decisions', () => {
  it('adopts only parameters that predict the history strictly better', () => {
    expect(shouldAdopt(0.3, 0.29)).toBe(true);
    expect(shouldAdopt(0.3, 0.3)).toBe(false);
    expect(shouldAdopt(0.3, 0.31)).toBe(false);
    expect(shouldAdopt(0.3, Number.NaN)).toBe(false);
  });

  it('turns the history into per-card sequences of whole days, leaving out undone reviews', () => {
    const events: HistoryEvent[] = [
      review('a1', 'd/a', '2026-01-01T09:00:00.000Z', 3),
      review('b1', 'd/b', '2026-01-02T09:00:00.000Z', 1),
      review('a2', 'd/a', '2026-01-04T20:00:00.000Z', 3),
      review('a3', 'd/a', '2026-01-05T08:00:00.000Z', 1),
      { type: 'undo', id: 'u', time: '2026-01-05T08:01:00.000Z', session: 's', target: 'a3', card: 'd/a', restore: null },
      { type: 'quiz', id: 'q', time: '2026-01-06T08:00:00.000Z', session: 's', card: 'd/a', chosen: 'x', correct: false, durationMs: 1, quizMode: 'tutor' },
    ];
    expect(reviewSequences(events)).toEqual({
      reviews: 3,
      sequences: [
        [
          { rating: 3, deltaDays: 0 },
          { rating: 3, deltaDays: 3 },
        ],
        [{ rating: 1, deltaDays: 0 }],
      ],
    });
  });
});
