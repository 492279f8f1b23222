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

/** Widest an error line may be: `crss: ` and the message fit an 80-column terminal. */
const ERROR_WIDTH = 80 - 'crss: '.length;

/**
 * Up to `count` known words close to `word`, nearest first: those within half its length by edit
 * distance, or that contain it or are contained in it (a learner often types part of a topic).
 */
export function closeMatches(word: string, known: readonly string[], count = 3): string[] {
  const w = word.toLowerCase();
  const allowed = Math.max(2, Math.floor(w.length / 2));
  return known
    .map((name) => {
      const n = name.toLowerCase();
      const contains = w.length >= 3 && (n.includes(w) || w.includes(n));
      return { name, distance: contains ? 0 : editDistance(w, n) };
    })
    .filter((m) => m.distance <= allowed)
    .sort((a, b) => a.distance - b.distance || (a.name < b.name ? -1 : 1))
    .slice(0, count)
    .map((m) => m.name);
}

/** A name echoed in an error, cut so that a long one cannot push the line past 80 columns. */
export function quoteName(raw: string, max = 30): string {
  return `'${raw.length > max ? `${raw.slice(0, max - 1)}…` : raw}'`;
}

/**
 * The one-line error for an unknown topic, deck, domain or setting, within 80 columns: every name
 * when they all fit, else the close matches that fit and the command that lists them all.
 */
export function unknownNameMessage(what: string, raw: string, known: readonly string[], listCommand: string): string {
  const head = `unknown ${what} ${quoteName(raw)}`;
  const all = `${what}s: ${known.join(', ')}`;
  const withAll = `${head}${didYouMean(raw, known)}; ${all}`;
  if (withAll.length <= ERROR_WIDTH) return withAll;
  const tail = `; see ${listCommand}`;
  const matches = closeMatches(raw, known);
  while (matches.length > 0) {
    const quoted = matches.map((m) => `'${m}'`);
    const choices = quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}`;
    const line = `${head} (did you mean ${choices}?)${tail}`;
    if (line.length <= ERROR_WIDTH) return line;
    // One match that leaves no room for the pointer is still the better help.
    if (matches.length === 1 && `${head} (did you mean ${choices}?)`.length <= ERROR_WIDTH) return `${head} (did you mean ${choices}?)`;
    matches.pop();
  }
  return `${head}${tail}`;
}
