/**
 * What a study session needs from the history, derived per card: what the session knows of each
 * card, how much of today's limits is used, and when the next card falls due. Pure. Everything here
 * reads briefs, not records, so that a history of thousands of cards is not unpacked to pick a few.
 */
import type { Card } from '../deck/model.js';
import { startOfDay } from './day.js';
import type { CardKey } from './events.js';
import { isDue, type CardRecords } from './history.js';
import type { KnownCards } from './study-session.js';

/** What the session knows of each selected card that has history, read when the session asks. */
export function knownCards(records: CardRecords, now: Date): KnownCards {
  return {
    get(key: CardKey) {
      const b = records.brief(key);
      if (!b) return undefined;
      return {
        state: b.state,
        due: b.due,
        suspended: b.suspended,
        ...(Number.isNaN(b.buriedUntil) ? {} : { buriedUntil: b.buriedUntil }),
        quizWrong: !Number.isNaN(b.quizWrongAt) && isDue(b, now),
        schedule: () => records.get(key)?.schedule ?? null,
      };
    },
  };
}

/** New cards first reviewed today (for the new-cards-a-day limit). */
export function introducedToday(records: CardRecords, now: Date): number {
  const start = startOfDay(now).getTime();
  let n = 0;
  for (const b of records.briefs()) if (b.firstReview >= start) n++;
  return n;
}

/** Review cards (introduced before today) reviewed today, for the reviews-a-day limit. */
export function reviewedToday(records: CardRecords, now: Date): number {
  const start = startOfDay(now).getTime();
  let n = 0;
  for (const b of records.briefs()) if (b.lastReview >= start && b.firstReview < start) n++;
  return n;
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
