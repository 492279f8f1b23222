/**
 * What a study session needs from the history besides its cards: how much of today's limits is used.
 * Pure. It reads briefs, not records, so that a history of thousands of cards is not unpacked.
 */
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
  records.forEachBrief((b) => {
    if (b.firstReview >= start) introduced++;
    else if (b.lastReview >= start && b.firstReview < start) reviewed++;
  });
  return { introduced, reviewed };
}
