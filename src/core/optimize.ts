/** Preparing a review history for the FSRS optimizer, and deciding whether to adopt what it fits. */
import type { CardKey, HistoryEvent, ReviewEvent } from './events.js';
import { startOfDay } from './day.js';

/** Below this many reviews the optimizer often fits worse than the defaults (see pitfalls). */
export const MIN_REVIEWS_TO_OPTIMIZE = 400;

export function reviewSequences(events: Iterable<HistoryEvent>): { sequences: { rating: number; deltaDays: number }[][]; reviews: number } {
  const undone = new Set<string>();
  const reviews: ReviewEvent[] = [];
  for (const e of events) {
    if (e.type === 'review') reviews.push(e);
    else if (e.type === 'undo') undone.add(e.target);
  }
  const byCard = new Map<CardKey, ReviewEvent[]>();
  for (const r of reviews) if (!undone.has(r.id)) byCard.set(r.card, [...(byCard.get(r.card) ?? []), r]);
  let count = 0;
  const sequences = [...byCard.values()].map((list) => {
    list.sort((a, b) => a.time.localeCompare(b.time));
    count += list.length;
    let previous: number | undefined;
    return list.map((r) => {
      const day = startOfDay(new Date(r.time)).getTime();
      const deltaDays = previous === undefined ? 0 : Math.round((day - previous) / 86_400_000);
      previous = day;
      return { rating: r.rating, deltaDays };
    });
  });
  return { sequences, reviews: count };
}

/** Adopt only what predicts this very history better than what is in use, as Anki does. */
export function shouldAdopt(currentLoss: number, fittedLoss: number): boolean {
  return Number.isFinite(fittedLoss) && fittedLoss < currentLoss;
}
