/** Loading decks: read each file, parse it (through the cache when given), check ids across decks. */
import { closeSync } from 'node:fs';
import { openRegular, readOpened, RefusedFile } from '../store/safe-open.js';
import type { DeckCache } from './deck-cache.js';
import type { DeckFile } from './deck-files.js';
import type { Deck, Problem } from './model.js';
import type { ParseOptions, ParseResult } from './parse-deck.js';
import { fileTooLarge, Limits, Rule } from './rules.js';

export interface LoadedDecks {
  decks: Deck[];
  problems: Problem[];
  files: string[];
}

export async function loadDeckFiles(files: DeckFile[], cache?: DeckCache, options: ParseOptions = {}): Promise<LoadedDecks> {
  const decks: Deck[] = [];
  const problems: Problem[] = [];
  const byId = new Map<string, Deck>();
  // One read of the library entry when nothing changed; otherwise file by file, and the library entry
  // made again for next time.
  const all = files.length > 0 ? cache?.getAll(files) : undefined;
  for (const [i, found] of files.entries()) {
    const file = found.path;
    const result = all?.[i] ?? (await parseFile(found, cache, options));
    problems.push(...result.problems);
    const deck = result.deck;
    if (!deck) continue;
    const first = byId.get(deck.id);
    if (first) {
      problems.push({
        file,
        line: deck.line,
        column: deck.column,
        severity: 'error',
        rule: Rule.duplicateDeckId,
        message: `deck id '${deck.id}' is also used by ${first.file}`,
      });
      continue;
    }
    byId.set(deck.id, deck);
    decks.push(deck);
  }
  if (cache && files.length > 0 && !all) cache.setAll(files);
  return { decks, problems, files: files.map((f) => f.path) };
}

async function parseFile({ path: file, stat }: DeckFile, cache: DeckCache | undefined, options: ParseOptions): Promise<ParseResult> {
  const problem = (message: string): ParseResult => ({ deck: null, problems: [{ file, line: 1, column: 1, severity: 'error', rule: Rule.fileRead, message }] });
  let bytes: Buffer;
  try {
    // The stat was taken before reading: if the file changes in between, the next run sees a new key
    // and parses again.
    const cached = cache?.get(file, stat);
    if (cached) return cached;
    // A FIFO would block the read forever and /dev/zero never ends: regular files only, checked on
    // the open file, and the size cap before reading.
    const opened = openRegular(file, 'read', { followLinks: true });
    try {
      if (opened.stat.size > Limits.maxFileBytes) return { deck: null, problems: [{ file, line: 1, column: 1, severity: 'error', rule: Rule.yamlLimits, message: fileTooLarge(opened.stat.size) }] };
      bytes = readOpened(opened.fd, opened.stat.size, Limits.maxFileBytes);
    } finally {
      closeSync(opened.fd);
    }
  } catch (error) {
    if (error instanceof RefusedFile) return problem(`cannot read the file: it ${error.reason.replace(/, and crss.*/, '')} (a deck must be a regular .yaml file)`);
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    return problem(`cannot read the file (${code})`);
  }
  // The YAML parser is loaded only on a cache miss: it is the heaviest module crss has (~25 ms).
  const { parseDeckBytes } = await import('./parse-deck.js');
  const result = parseDeckBytes(bytes, file, options);
  cache?.set(file, stat, result);
  return result;
}
