/**
 * What a study session needs from the history besides its cards: how much of today's limits is used,
 * and when the next card falls due. Pure. Everything here reads briefs, not records, so that a history
 * of thousands of cards is not unpacked to pick a few.
 */
import type { Card } from '../deck/model.js';
import { startOfDay } from './day.js';
import type { CardRecords } from './history.js';

/**
 * How much of today's limits is used: new cards first reviewed today, and review cards (introduced
 * before today) reviewed today.
 */
export function usedToday(records: CardRecords, now: Date): { introduced: number; reviewed: number } {
  const start = startOfDay(now).getTime();
  let introduced = 0;
  let reviewed = 0;
  for (const b of records.briefs()) {
    if (b.firstReview >= start) introduced++;
    else if (b.lastReview >= start && b.firstReview < start) reviewed++;
  }
  return { introduced, reviewed };
}

/** The earliest future due time among these cards, for the session summary. */
export function nextDue(records: CardRecords, cards: Card[], now: Date): { nextDue?: Date } {
  const after = now.getTime();
  let best = Infinity;
  for (const card of cards) {
    const b = records.brief(card.key);
    if (!b || b.suspended) continue;
    if (b.due > after && b.due < best) best = b.due;
  }
  return best === Infinity ? {} : { nextDue: new Date(best) };
}
