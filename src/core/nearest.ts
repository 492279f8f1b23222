/** "Did you mean" suggestions: the closest known word by edit distance, if it is close enough. */

export function editDistance(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/** The known word nearest to `word`, or undefined when none is within a third of its length (min 2). */
export function nearest(word: string, known: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const d = editDistance(w, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  const allowed = Math.max(2, Math.floor(w.length / 3));
  return bestDistance <= allowed ? best : undefined;
}

/** ` (did you mean 'x'?)` or the empty string. */
export function didYouMean(word: string, known: readonly string[]): string {
  const match = nearest(word, known);
  return match === undefined ? '' : ` (did you mean '${match}'?)`;
}
