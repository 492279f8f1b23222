/**
 * Near-duplicate cards: pairs whose prompt and answer, taken together, are 80% or more the same text.
 *
 * "The same text" is the Dice coefficient of the two cards' sets of (stemmed) words: 1 for the same
 * words, 0 for nothing in common. Sets of words rather than of word pairs or characters: a twin written
 * again in other order ("four tasks of IPS" / "IPS's four tasks") is still a twin, and word pairs missed
 * two thirds of the twins a reader finds in the bundled decks.
 *
 * Comparing every pair is quadratic: 20,000 cards would be 200 million comparisons. Prefix filtering
 * (the classic all-pairs similarity join) keeps it near linear: order each card's words rarest first;
 * two sets whose Dice is at least t share at least one word among the first n - ceil(t n / (2 - t)) + 1
 * of either one's (n its size), so only cards that share such a word are compared.
 *
 * Deck files are untrusted, and a deck of thousands of cards written from a handful of words would make
 * every card a candidate of every other (2 GB and minutes for 20,000). So a word stops being indexed once
 * MAX_POSTINGS cards hold it among their rarest words (it no longer tells cards apart), and each card is
 * reported once, against its earliest twin. On real decks no word comes near the cap.
 */
import type { Card } from './model.js';
import { StemNumbers } from './text-measures.js';

export const NEAR_DUPLICATE_THRESHOLD = 0.8;
/** Cards indexed under one word, at most. */
export const MAX_POSTINGS = 32;

export interface NearDuplicate {
  first: Card;
  second: Card;
  /** Dice coefficient, 0..1. */
  similarity: number;
}

/** The part of a card a learner reads as its fact: front and back, or question and answer. */
export function factText(card: Card): string {
  return card.kind === 'flashcard' ? `${card.front} ${card.back}` : `${card.question} ${card.answer}`;
}

/**
 * Each card's words as numbers, all in one array: card i's are values[ends[i - 1] .. ends[i]]. One
 * array rather than one per card: 20,000 small arrays alive at once made the garbage collector copy
 * them again at every young-generation collection.
 */
export class CardWords {
  values = new Int32Array(1024);
  readonly ends: Int32Array;
  private length = 0;
  private cards = 0;

  constructor(cardCount: number) {
    this.ends = new Int32Array(cardCount);
  }

  push(n: number): void {
    if (this.length === this.values.length) {
      const grown = new Int32Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = n;
  }

  pushAll(list: readonly number[]): void {
    for (const n of list) this.push(n);
  }

  /** Ends the words of the next card (cards are filled in order). */
  endCard(): void {
    this.ends[this.cards++] = this.length;
  }
}

/**
 * Whether two sorted sets of word numbers (ranges of one array) have a Dice coefficient of at least
 * `threshold`. A merge, no hashing; it stops as soon as the words left cannot reach the threshold. Sets
 * are sorted rarest word first, and a card's rare words are the ones it shares with no other, so most
 * pairs stop within a few steps.
 */
function diceAtLeast(v: Int32Array, aStart: number, aEnd: number, bStart: number, bEnd: number, threshold: number): number {
  const total = aEnd - aStart + (bEnd - bStart);
  if (total === 0) return 1;
  const needed = Math.ceil((threshold * total) / 2 - 1e-9);
  let i = aStart;
  let j = bStart;
  let shared = 0;
  while (i < aEnd && j < bEnd) {
    if (shared + Math.min(aEnd - i, bEnd - j) < needed) return 0;
    const x = v[i]!;
    const y = v[j]!;
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return (2 * shared) / total;
}

/** Sorts v[start .. end) in place (insertion sort: a card has a few dozen words). */
function sortRange(v: Int32Array, start: number, end: number): void {
  for (let i = start + 1; i < end; i++) {
    const x = v[i]!;
    let j = i - 1;
    while (j >= start && v[j]! > x) {
      v[j + 1] = v[j]!;
      j--;
    }
    v[j + 1] = x;
  }
}

/**
 * Each card with an earlier card at or above the threshold, paired with the earliest such card.
 * `words` gives every card's stemmed words as numbers (StemNumbers) when the caller has them already
 * (the lint does); repeats and order do not matter. It is changed in place.
 */
export function findNearDuplicates(cards: readonly Card[], threshold = NEAR_DUPLICATE_THRESHOLD, words?: CardWords): NearDuplicate[] {
  if (!words) {
    const numbers = new StemNumbers();
    words = new CardWords(cards.length);
    for (const card of cards) {
      words.pushAll(numbers.ofText(factText(card)));
      words.endCard();
    }
  }
  const v = words.values;
  const ends = words.ends;
  const startOf = (i: number) => (i === 0 ? 0 : ends[i - 1]!);
  let size = 0;
  for (let k = 0; k < (cards.length === 0 ? 0 : ends[cards.length - 1]!); k++) if (v[k]! >= size) size = v[k]! + 1;
  const frequency = new Int32Array(size);
  const last = new Int32Array(size).fill(-1);
  for (let i = 0; i < cards.length; i++) {
    for (let k = startOf(i); k < ends[i]!; k++) {
      const x = v[k]!;
      if (last[x] !== i) (last[x] = i), frequency[x]!++;
    }
  }
  // Renumber the words rarest first: then a card's sorted set is also its words in prefix order. A
  // counting sort by frequency (at most the number of cards), ties by number: linear, where sorting
  // 300,000 words with a comparator took 60 ms.
  const byFrequency = new Int32Array(cards.length + 2);
  for (let n = 0; n < size; n++) byFrequency[frequency[n]! + 1]!++;
  for (let f = 1; f < byFrequency.length; f++) byFrequency[f]! += byFrequency[f - 1]!;
  const rank = new Int32Array(size);
  for (let n = 0; n < size; n++) rank[n] = byFrequency[frequency[n]!]!++;
  // Each card's set: its range renumbered, sorted and without repeats, from startOf(i) to setEnd[i].
  const setEnd = new Int32Array(cards.length);
  for (let i = 0; i < cards.length; i++) {
    const start = startOf(i);
    for (let k = start; k < ends[i]!; k++) v[k] = rank[v[k]!]!;
    sortRange(v, start, ends[i]!);
    let unique = start;
    for (let k = start; k < ends[i]!; k++) if (k === start || v[k] !== v[k - 1]) v[unique++] = v[k]!;
    setEnd[i] = unique;
  }
  // Cards indexed under each word, as linked lists in typed arrays (newest first): postingHead[word],
  // then postingNext; no array per word. The earliest twin is found whatever the order (see below).
  const postingHead = new Int32Array(size).fill(-1);
  const postingCount = new Uint8Array(size);
  const postingCard = new Int32Array(v.length);
  const postingNext = new Int32Array(v.length);
  let postings = 0;
  const found: NearDuplicate[] = [];
  const jaccard = threshold / (2 - threshold);
  // seen[j] === i + 1 when card j is already a candidate of card i: no Set, no sorting per card.
  const seen = new Int32Array(cards.length);
  for (let i = 0; i < cards.length; i++) {
    const start = startOf(i);
    const n = setEnd[i]! - start;
    const prefixEnd = start + Math.min(n, n - Math.ceil(jaccard * n - 1e-9) + 1);
    // The twin only ever moves to an earlier card, and every candidate before it is compared: so it
    // ends as the earliest card at or above the threshold, in whatever order candidates come.
    let twin = -1;
    let twinSimilarity = 0;
    for (let k = start; k < prefixEnd; k++) {
      for (let p = postingHead[v[k]!]!; p >= 0; p = postingNext[p]!) {
        const j = postingCard[p]!;
        if (seen[j] === i + 1 || (twin >= 0 && j > twin)) continue;
        seen[j] = i + 1;
        const similarity = diceAtLeast(v, startOf(j), setEnd[j]!, start, setEnd[i]!, threshold);
        if (similarity >= threshold) {
          twin = j;
          twinSimilarity = similarity;
        }
      }
    }
    if (twin >= 0) found.push({ first: cards[twin]!, second: cards[i]!, similarity: twinSimilarity });
    for (let k = start; k < prefixEnd; k++) {
      const word = v[k]!;
      if (postingCount[word]! >= MAX_POSTINGS) continue;
      postingCount[word]!++;
      postingCard[postings] = i;
      postingNext[postings] = postingHead[word]!;
      postingHead[word] = postings++;
    }
  }
  return found;
}
