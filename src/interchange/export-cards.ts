/** Decks to Anki's text import format, CSV and JSON. Pure: decks in, text out. */
import { createHash } from 'node:crypto';
import { LETTERS, seedFrom, seededRandom, shuffleOptions } from '../core/random.js';
import type { Card, Deck } from '../deck/model.js';
import { formatRow } from './delimited.js';

export const EXPORT_FORMATS = ['anki', 'csv', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** A GUID that stays the same for a deck/id forever, so re-importing into Anki updates notes in place. */
export function ankiGuid(key: string): string {
  return `crss:${createHash('sha1').update(key).digest('base64url').slice(0, 16)}`;
}

/** A card as the two sides of an Anki Basic note (questions show their options; the back names the answer). */
export function basicSides(card: Card): { front: string; back: string } {
  if (card.kind === 'flashcard') return { front: card.front, back: card.source ? `${card.back}\n\nSource: ${card.source}` : card.back };
  const options = shuffleOptions(card.answer, card.distractors, seededRandom(seedFrom(card.key)));
  const front = [card.question, ...options.map((o, i) => `${LETTERS[i]}) ${o}`)].join('\n');
  const back = [`${LETTERS[options.indexOf(card.answer)]}) ${card.answer}`, card.explanation, card.source ? `Source: ${card.source}` : undefined].filter(Boolean).join('\n\n');
  return { front, back };
}

/** The deck, topics and domain as Anki tags, each once (a deck's id is often also its domain and a topic). */
function tags(card: Card): string {
  return [...new Set([card.deck, ...card.topics, ...(card.domain ? [card.domain] : [])])].join(' ');
}

/** Anki's name for a crss deck: one subdeck of CRSS each, as `::` nests decks in Anki. */
export function ankiDeckName(deck: Deck): string {
  return `CRSS::${deck.title.replace(/::/g, ':')}`;
}

export function exportAnki(decks: Deck[]): string {
  const header = ['#separator:tab', '#html:false', '#notetype:Basic', '#tags column:3', '#guid column:4', '#deck column:5'];
  const rows = decks.flatMap((d) =>
    d.cards.map((c) => {
      const { front, back } = basicSides(c);
      return formatRow([front, back, tags(c), ankiGuid(c.key), ankiDeckName(d)], '\t');
    }),
  );
  return `${[...header, ...rows].join('\n')}\n`;
}

export const CSV_COLUMNS = ['deck', 'id', 'kind', 'front', 'back', 'question', 'answer', 'distractors', 'explanation', 'topics', 'domain', 'source'] as const;

/** Distractors share one CSV cell, one per line, so that any text (commas, semicolons) survives; import also reads `a;b;c`. */
export function exportCsv(decks: Deck[]): string {
  const rows = decks.flatMap((d) =>
    d.cards.map((c) => {
      const own = c.topics.filter((t) => !d.topics.includes(t));
      const common = [c.deck, c.id, c.kind];
      const text = c.kind === 'flashcard' ? [c.front, c.back, '', '', '', ''] : ['', '', c.question, c.answer, c.distractors.join('\n'), c.explanation ?? ''];
      return formatRow([...common, ...text, [...d.topics, ...own].join(' '), c.domain ?? '', c.source ?? ''], ',');
    }),
  );
  return `${[formatRow([...CSV_COLUMNS], ','), ...rows].join('\n')}\n`;
}

/** A card as the deck format writes it. Fields are copied by name: cached cards read their text lazily (deck-cache.ts). */
function exportedCard(c: Card): Record<string, unknown> {
  const common = { id: c.id, ...(c.formerly ? { formerly: c.formerly } : {}), topics: c.topics, ...(c.domain ? { domain: c.domain } : {}), ...(c.source ? { source: c.source } : {}), kind: c.kind };
  return c.kind === 'flashcard'
    ? { ...common, front: c.front, back: c.back }
    : { ...common, question: c.question, answer: c.answer, distractors: c.distractors, ...(c.explanation !== undefined ? { explanation: c.explanation } : {}) };
}

export function exportJson(decks: Deck[]): string {
  const out = decks.map((d) => ({
    deck: d.id,
    title: d.title,
    ...(d.description ? { description: d.description } : {}),
    ...(d.domain ? { domain: d.domain } : {}),
    topics: d.topics,
    cards: d.cards.map(exportedCard),
  }));
  return `${JSON.stringify(out, null, 2)}\n`;
}
