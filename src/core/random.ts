/** Seeded randomness, so that quizzes and shuffles can be reproduced (`--seed`) and tested. */

export type Random = () => number;

/** mulberry32: small, fast and good enough for shuffling cards. */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A 32-bit seed from any text (FNV-1a), e.g. `--seed exam-1` or a card key. */
export function seedFrom(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Fisher-Yates on a copy. */
export function shuffle<T>(items: readonly T[], random: Random): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Options that must stay last when shuffling, as test writers intend them. */
const PINNED = /^(all|none) of the above\.?$/i;

/** The answer and distractors in random order, with "All/None of the above" kept last. */
export function shuffleOptions(answer: string, distractors: readonly string[], random: Random): string[] {
  const all = [answer, ...distractors];
  const pinned = all.filter((o) => PINNED.test(o.trim()));
  const free = all.filter((o) => !PINNED.test(o.trim()));
  return [...shuffle(free, random), ...pinned];
}

export const LETTERS = 'ABCDEF';

/**
 * `length` random hex digits, for session ids and device ids: unique enough to tell sessions apart,
 * not secrets. (Math.random rather than node:crypto, which costs ~3 ms to load at start-up.)
 */
export function randomHex(length: number, random: Random = Math.random): string {
  let out = '';
  for (let i = 0; i < length; i++) out += Math.floor(random() * 16).toString(16);
  return out;
}
