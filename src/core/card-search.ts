/**
 * `crss search` and `crss show`: which cards match some words, and where each card stands. Pure:
 * cards and records in, views out.
 */
import type { Card } from '../deck/model.js';
import type { CardKey, HistoryEvent, ScheduleState } from './events.js';
import type { CardRecord } from './history.js';

export interface CardStatus {
  state: ScheduleState | 'new';
  suspended: false | 'manual' | 'leech';
  /** ISO time, while the card is buried. */
  buriedUntil?: string;
  /** ISO time the card is next due, once it has been studied. */
  due?: string;
}

export interface SearchFilter {
  /** Only cards suspended by hand or as leeches. */
  suspended?: boolean;
  /** Only leeches. */
  leeches?: boolean;
}

/** Everything a learner may search a card by: its key and every text it shows. */
function searchableText(card: Card): string {
  const parts = card.kind === 'flashcard' ? [card.front, card.back] : [card.question, card.answer, ...card.distractors, card.explanation ?? ''];
  return [card.key, ...parts, card.source ?? ''].join('\n').toLowerCase();
}

export function statusOf(record: CardRecord | undefined, now: Date): CardStatus {
  if (!record) return { state: 'new', suspended: false };
  const buried = record.buriedUntil !== undefined && Date.parse(record.buriedUntil) > now.getTime();
  return {
    state: record.schedule?.state ?? 'new',
    suspended: record.suspended,
    ...(buried ? { buriedUntil: record.buriedUntil! } : {}),
    ...(record.schedule ? { due: record.schedule.due } : {}),
  };
}

/** The cards holding every word of `text` (any case, anywhere in the card), that pass the filter. */
export function searchCards(cards: readonly Card[], text: string, status: (key: CardKey) => CardStatus, filter: SearchFilter = {}): Card[] {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  return cards.filter((card) => {
    if (filter.suspended || filter.leeches) {
      const s = status(card.key).suspended;
      if (filter.leeches ? s !== 'leech' : s === false) return false;
    }
    if (words.length === 0) return true;
    const haystack = searchableText(card);
    return words.every((w) => haystack.includes(w));
  });
}

/** The events about one card, oldest first, each once. */
export function cardHistory(events: Iterable<HistoryEvent>, key: CardKey): HistoryEvent[] {
  const out: HistoryEvent[] = [];
  for (const e of events) if (e.card === key) out.push(e);
  return out.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : a.id < b.id ? -1 : 1));
}
