/**
 * The deck model: what a valid deck is once parsed. The rest of crss only ever sees these types;
 * parse-deck.ts is the boundary that turns untrusted YAML into them.
 */

export const DOMAINS = ['advocacy', 'professional-responsibility', 'mentoring', 'recovery-support'] as const;
export type Domain = (typeof DOMAINS)[number];

export const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

interface CardBase {
  /** The deck's id. */
  deck: string;
  /** The card's id, unique in its deck. */
  id: string;
  /** `deck/id`: the card's identity for ever. */
  key: string;
  /** The deck's topics followed by the card's own, without repeats. */
  topics: string[];
  domain?: Domain;
  source?: string;
  /** 1-based line of the card in its file, for `e` (edit) and messages. */
  line: number;
  /** 1-based column of the card, for the item-writing lint; absent on cards read from the deck cache. */
  column?: number;
  /** Earlier ids of this card in its deck (`formerly:`): their history counts for it (core/former-keys.ts). */
  formerly?: string[];
}

export interface Flashcard extends CardBase {
  kind: 'flashcard';
  front: string;
  back: string;
}

export interface Question extends CardBase {
  kind: 'question';
  question: string;
  answer: string;
  distractors: string[];
  explanation?: string;
}

export type Card = Flashcard | Question;

export interface Deck {
  id: string;
  title: string;
  description?: string;
  domain?: Domain;
  topics: string[];
  /** Absolute path of the file the deck came from. */
  file: string;
  /** Where the deck id is written, for messages about it. */
  line: number;
  column: number;
  cards: Card[];
  /**
   * Earlier card ids and the id each is now (`formerly:` of its cards), present when any card has one:
   * on the deck so that the history can follow renamed cards without making every card of a cached deck.
   */
  formerly?: Record<string, string>;
  /**
   * On a cached deck: its cards' keys in order, and any one card, without making all of its cards (which
   * it does at the first read of `cards`). A study session over 20,000 cards needs keys and a few cards.
   */
  lazy?: {
    keys: KeyList;
    card(index: number): Card;
    /** The keys as one string and where each ends in it (JoinedKeys). */
    joined: { text: string; ends: Uint32Array };
  };
}

export type Severity = 'error' | 'warning';

/** One problem found in a deck file, with its place. */
export interface Problem {
  file: string;
  line: number;
  column: number;
  severity: Severity;
  rule: string;
  message: string;
}

/** The two sides of a card as plain text, for hashing and export. */
export function cardText(card: Card): string {
  return card.kind === 'flashcard'
    ? `${card.front}\n${card.back}`
    : [card.question, card.answer, ...card.distractors, card.explanation ?? ''].join('\n');
}

export function isDomain(value: string): value is Domain {
  return (DOMAINS as readonly string[]).includes(value);
}

/**
 * Card keys in order, read one at a time: an array, or the keys of a cached deck kept as one string,
 * which a study session over 20,000 cards reads without making 20,000 strings (and collecting them).
 */
export interface KeyList {
  readonly length: number;
  at(index: number): string | undefined;
}

/** The keys in one string and where each ends, as a KeyList. */
export function keysOf({ text, ends }: { text: string; ends: ArrayLike<number> }): KeyList {
  return {
    length: ends.length,
    at: (i) => (i >= 0 && i < ends.length ? text.substring(i === 0 ? 0 : ends[i - 1]!, ends[i]!) : undefined),
  };
}

/** Where a key is in the list, or -1. */
export function indexOfKey(keys: KeyList, key: string): number {
  for (let i = 0; i < keys.length; i++) if (keys.at(i) === key) return i;
  return -1;
}

/** The keys as an array. */
export function keyArray(keys: KeyList): string[] {
  return Array.isArray(keys) ? (keys as string[]) : Array.from({ length: keys.length }, (_, i) => keys.at(i)!);
}
