/**
 * The one adapter for @open-spaced-repetition/binding (fsrs-rs, a prebuilt native module). It is
 * imported only when `crss optimize` runs, so every other command works where it cannot load.
 */
import { CrssError } from '../errors.js';

/** One card's reviews in order: rating and whole days since the previous review (0 for the first). */
export type ReviewSequence = { rating: number; deltaDays: number }[];

export interface Optimizer {
  fit(sequences: ReviewSequence[]): Promise<number[]>;
  /** Log loss of `weights` predicting this history (lower is better). */
  logLoss(weights: readonly number[], sequences: ReviewSequence[]): number;
}

type Binding = typeof import('@open-spaced-repetition/binding');

export async function loadOptimizer(): Promise<Optimizer> {
  let binding: Binding;
  try {
    binding = await import('@open-spaced-repetition/binding');
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new CrssError(`the FSRS optimizer cannot load on this machine (${reason}); your schedule keeps its current parameters`);
  }
  // fsrs-rs learns from every prefix of a card's history: each predicts the prefix's last review.
  const items = (sequences: ReviewSequence[]) =>
    sequences.flatMap((seq) => seq.slice(1).map((_, i) => new binding.FSRSBindingItem(seq.slice(0, i + 2).map((r) => new binding.FSRSBindingReview(r.rating, r.deltaDays)))));
  return {
    // The default `timeout` of 500 ms is a polling interval that delays every call (see pitfalls).
    fit: (sequences) => binding.computeParameters(items(sequences), { enableShortTerm: true, timeout: 50 }),
    logLoss: (weights, sequences) => new binding.FSRSBinding([...weights]).evaluate(items(sequences)).logLoss,
  };
}
