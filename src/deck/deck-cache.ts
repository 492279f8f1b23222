/**
 * A cache of parsed decks, keyed by a hash of the file's bytes, so that start-up does not pay for the
 * YAML parser (~160 ms for 300 cards, see pitfalls) when nothing changed. It is only a cache: any
 * problem reading it means parsing again. Validation never uses it.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ParseResult } from './parse-deck.js';

/** Bump when the parser's output changes shape or meaning. */
const PARSER_VERSION = 1;

export interface DeckCache {
  get(file: string, bytes: Uint8Array): ParseResult | undefined;
  set(file: string, bytes: Uint8Array, result: ParseResult): void;
}

function contentKey(bytes: Uint8Array): string {
  return createHash('sha1').update(`v${PARSER_VERSION}\0`).update(bytes).digest('hex');
}

export function fileDeckCache(dir: string): DeckCache {
  const entryPath = (file: string) => join(dir, `${createHash('sha1').update(file).digest('hex')}.json`);
  return {
    get(file, bytes) {
      try {
        const entry = JSON.parse(readFileSync(entryPath(file), 'utf8')) as { key: string; result: ParseResult };
        return entry.key === contentKey(bytes) ? entry.result : undefined;
      } catch {
        return undefined;
      }
    },
    set(file, bytes, result) {
      try {
        mkdirSync(dir, { recursive: true });
        const path = entryPath(file);
        const tmp = `${path}.${process.pid}.tmp`;
        writeFileSync(tmp, JSON.stringify({ key: contentKey(bytes), result }));
        renameSync(tmp, path);
      } catch {
        // A cache that cannot be written only costs speed next time.
      }
    },
  };
}
