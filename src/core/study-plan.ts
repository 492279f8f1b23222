/**
 * What a study session needs from the history, derived per card: what the session knows of each
 * card, how much of today's limits is used, and when the next card falls due. Pure.
 */
import type { Card } from '../deck/model.js';
import { startOfDay } from './day.js';
import type { CardKey } from './events.js';
import { isDue, type CardRecord } from './history.js';
import type { KnownCard } from './study-session.js';

type Records = Map<CardKey, CardRecord>;

/** What the session needs to know of each selected card that has history. */
export function knownCards(records: Records, cards: Card[], now: Date): Map<CardKey, KnownCard> {
  const out = new Map<CardKey, KnownCard>();
  for (const card of cards) {
    const r = records.get(card.key);
    if (!r) continue;
    out.set(card.key, {
      schedule: r.schedule,
      suspended: r.suspended !== false,
      ...(r.buriedUntil ? { buriedUntil: r.buriedUntil } : {}),
      quizWrong: r.quizWrongAt !== undefined && isDue(r, now),
    });
  }
  return out;
}

/** New cards first reviewed today (for the new-cards-a-day limit). */
export function introducedToday(records: Records, now: Date): number {
  // History times are ISO UTC strings of one fixed format, so they compare as strings (no parsing).
  const start = startOfDay(now).toISOString();
  let n = 0;
  for (const r of records.values()) if (r.firstReviewTime !== undefined && r.firstReviewTime >= start) n++;
  return n;
}

/** Review cards (introduced before today) reviewed today, for the reviews-a-day limit. */
export function reviewedToday(records: Records, now: Date): number {
  const start = startOfDay(now).toISOString();
  let n = 0;
  for (const r of records.values()) {
    if (r.lastReviewTime !== undefined && r.lastReviewTime >= start && r.firstReviewTime !== undefined && r.firstReviewTime < start) n++;
  }
  return n;
}

/** The earliest future due time among these cards, for the session summary. */
export function nextDue(records: Records, cards: Card[], now: Date): { nextDue?: Date } {
  const after = now.toISOString();
  let best: string | undefined;
  for (const card of cards) {
    const r = records.get(card.key);
    if (!r?.schedule || r.suspended) continue;
    const due = r.schedule.due;
    if (due > after && (best === undefined || due < best)) best = due;
  }
  return best === undefined ? {} : { nextDue: new Date(best) };
}
