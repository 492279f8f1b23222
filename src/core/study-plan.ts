/**
 * What a study session needs from the history besides its cards: how much of today's limits is used.
 * Pure.
 */
import { startOfDay } from './day.js';
import type { CardRecords } from './history.js';

/**
 * How much of today's limits is used: new cards first reviewed today, and review cards (introduced
 * before today) reviewed today.
 */
export function usedToday(records: CardRecords, now: Date): { introduced: number; reviewed: number } {
  const { first, again } = records.countReviewedSince(startOfDay(now).getTime());
  return { introduced: first, reviewed: again };
}
