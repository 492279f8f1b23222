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
  const start = startOfDay(now).getTime();
  let n = 0;
  for (const r of records.values()) if (r.firstReviewTime && new Date(r.firstReviewTime).getTime() >= start) n++;
  return n;
}

/** Review cards (introduced before today) reviewed today, for the reviews-a-day limit. */
export function reviewedToday(records: Records, now: Date): number {
  const start = startOfDay(now).getTime();
  let n = 0;
  for (const r of records.values()) {
    if (r.lastReviewTime && new Date(r.lastReviewTime).getTime() >= start && r.firstReviewTime && new Date(r.firstReviewTime).getTime() < start) n++;
  }
  return n;
}

/** The earliest future due time among these cards, for the session summary. */
export function nextDue(records: Records, cards: Card[], now: Date): { nextDue?: Date } {
  let best: number | undefined;
  for (const card of cards) {
    const r = records.get(card.key);
    if (!r?.schedule || r.suspended) continue;
    const t = new Date(r.schedule.due).getTime();
    if (t > now.getTime() && (best === undefined || t < best)) best = t;
  }
  return best === undefined ? {} : { nextDue: new Date(best) };
}
