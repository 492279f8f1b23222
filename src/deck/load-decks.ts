/** Loading decks: read each file, parse it (through the cache when given), check ids across decks. */
import { readFileSync } from 'node:fs';
import type { DeckCache } from './deck-cache.js';
import type { Deck, Problem } from './model.js';
import { parseDeckBytes, type ParseOptions, type ParseResult } from './parse-deck.js';
import { Rule } from './rules.js';

export interface LoadedDecks {
  decks: Deck[];
  problems: Problem[];
  files: string[];
}

export function loadDeckFiles(files: string[], cache?: DeckCache, options: ParseOptions = {}): LoadedDecks {
  const decks: Deck[] = [];
  const problems: Problem[] = [];
  const byId = new Map<string, Deck>();
  for (const file of files) {
    const result = parseFile(file, cache, options);
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
  return { decks, problems, files };
}

function parseFile(file: string, cache: DeckCache | undefined, options: ParseOptions): ParseResult {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    return { deck: null, problems: [{ file, line: 1, column: 1, severity: 'error', rule: Rule.fileRead, message: `cannot read the file (${code})` }] };
  }
  const cached = cache?.get(file, bytes);
  if (cached) return cached;
  const result = parseDeckBytes(bytes, file, options);
  cache?.set(file, bytes, result);
  return result;
}
