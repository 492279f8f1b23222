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
 */
import type { Card } from './model.js';
import { stem, words } from './text-measures.js';

export const NEAR_DUPLICATE_THRESHOLD = 0.8;

export interface NearDuplicate {
  first: Card;
  second: Card;
  /** Dice coefficient, 0..1. */
  similarity: number;
}

/** The part of a card a learner reads as its fact: front and back, or question and answer. */
function factText(card: Card): string {
  return card.kind === 'flashcard' ? `${card.front} ${card.back}` : `${card.question} ${card.answer}`;
}

function wordSet(text: string): string[] {
  return [...new Set(words(text).map(stem))];
}

export function dice(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const x of small) if (large.has(x)) shared++;
  return (2 * shared) / (a.size + b.size);
}

/** Every pair of cards at or above the threshold, in the order the cards were given. */
export function findNearDuplicates(cards: readonly Card[], threshold = NEAR_DUPLICATE_THRESHOLD): NearDuplicate[] {
  const grams = cards.map((c) => wordSet(factText(c)));
  const frequency = new Map<string, number>();
  for (const g of grams) for (const x of g) frequency.set(x, (frequency.get(x) ?? 0) + 1);
  const sets = grams.map((g) => new Set(g));
  const index = new Map<string, number[]>();
  const found: NearDuplicate[] = [];
  const jaccard = threshold / (2 - threshold);
  for (let i = 0; i < cards.length; i++) {
    const ordered = grams[i]!.slice().sort((x, y) => frequency.get(x)! - frequency.get(y)! || (x < y ? -1 : 1));
    const prefix = ordered.length - Math.ceil(jaccard * ordered.length - 1e-9) + 1;
    const candidates = new Set<number>();
    for (const x of ordered.slice(0, prefix)) {
      const earlier = index.get(x);
      if (earlier) for (const j of earlier) candidates.add(j);
    }
    for (const j of [...candidates].sort((a, b) => a - b)) {
      const similarity = dice(sets[j]!, sets[i]!);
      if (similarity >= threshold) found.push({ first: cards[j]!, second: cards[i]!, similarity });
    }
    for (const x of ordered.slice(0, prefix)) {
      const list = index.get(x);
      if (list) list.push(i);
      else index.set(x, [i]);
    }
  }
  return found;
}
