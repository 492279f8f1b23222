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
 * Whether two sorted sets of word numbers have a Dice coefficient of at least `threshold`. A merge, no
 * hashing; it stops as soon as the words left cannot reach the threshold. Sets are sorted rarest word
 * first, and a card's rare words are the ones it shares with no other, so most pairs stop within a few
 * steps.
 */
function diceAtLeast(a: Int32Array, b: Int32Array, threshold: number): number {
  if (a.length === 0 && b.length === 0) return 1;
  const needed = Math.ceil(threshold * (a.length + b.length) / 2 - 1e-9);
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    if (shared + Math.min(a.length - i, b.length - j) < needed) return 0;
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return (2 * shared) / (a.length + b.length);
}

/**
 * Each card with an earlier card at or above the threshold, paired with the earliest such card.
 * `wordsOf` gives a card's stemmed words as numbers (StemNumbers) when the caller has them already (the
 * lint does); repeats and order do not matter.
 */
export function findNearDuplicates(
  cards: readonly Card[],
  threshold = NEAR_DUPLICATE_THRESHOLD,
  wordsOf?: (card: Card, at: number) => readonly number[],
): NearDuplicate[] {
  const numbers = new StemNumbers();
  const raw = cards.map((card, at) => Int32Array.from(wordsOf ? wordsOf(card, at) : numbers.ofText(factText(card))));
  let size = 0;
  for (const set of raw) for (const x of set) if (x >= size) size = x + 1;
  const frequency = new Int32Array(size);
  const last = new Int32Array(size).fill(-1);
  raw.forEach((set, at) => {
    for (const x of set) if (last[x] !== at) (last[x] = at), frequency[x]!++;
  });
  // Renumber the words rarest first: then a card's sorted set is also its words in prefix order.
  const byRarity = Array.from({ length: size }, (_, n) => n).sort((x, y) => frequency[x]! - frequency[y]! || x - y);
  const rank = new Int32Array(size);
  byRarity.forEach((n, r) => (rank[n] = r));
  const sets = raw.map((set) => {
    for (let k = 0; k < set.length; k++) set[k] = rank[set[k]!]!;
    set.sort();
    let unique = 0;
    for (let k = 0; k < set.length; k++) if (k === 0 || set[k] !== set[k - 1]) set[unique++] = set[k]!;
    return set.subarray(0, unique);
  });
  const index: (number[] | undefined)[] = new Array(size);
  const found: NearDuplicate[] = [];
  const jaccard = threshold / (2 - threshold);
  // seen[j] === i + 1 when card j is already a candidate of card i: no Set, no sorting per card.
  const seen = new Int32Array(cards.length);
  for (let i = 0; i < cards.length; i++) {
    const set = sets[i]!;
    const prefixLength = Math.min(set.length, set.length - Math.ceil(jaccard * set.length - 1e-9) + 1);
    let twin = -1;
    let twinSimilarity = 0;
    for (let k = 0; k < prefixLength; k++) {
      const earlier = index[set[k]!];
      if (!earlier) continue;
      for (const j of earlier) {
        if (seen[j] === i + 1 || (twin >= 0 && j > twin)) continue;
        seen[j] = i + 1;
        const similarity = diceAtLeast(sets[j]!, set, threshold);
        if (similarity >= threshold) {
          twin = j;
          twinSimilarity = similarity;
        }
      }
    }
    if (twin >= 0) found.push({ first: cards[twin]!, second: cards[i]!, similarity: twinSimilarity });
    for (let k = 0; k < prefixLength; k++) {
      const list = index[set[k]!];
      if (!list) index[set[k]!] = [i];
      else if (list.length < MAX_POSTINGS) list.push(i);
    }
  }
  return found;
}
