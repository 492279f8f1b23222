/**
 * A cache of parsed decks, keyed by the file's size and CRC-32, so that start-up does not pay for the
 * YAML parser (~160 ms for 300 cards, see pitfalls) when nothing changed. It is only a cache: any
 * problem reading it means parsing again. Validation never uses it.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import type { ParseResult } from './parse-deck.js';

/** Bump when the parser's output changes shape or meaning. */
const PARSER_VERSION = 1;

export interface DeckCache {
  get(file: string, bytes: Uint8Array): ParseResult | undefined;
  set(file: string, bytes: Uint8Array, result: ParseResult): void;
}

/** Parser version, size and CRC-32 of the bytes: a changed file never matches its old entry. */
function contentKey(bytes: Uint8Array): string {
  return `v${PARSER_VERSION}-${bytes.length}-${crc32(bytes).toString(16)}`;
}

/** One cache file per deck file, named after the deck file's path. */
function entryName(file: string): string {
  return `${crc32(file).toString(16).padStart(8, '0')}-${file.replace(/[^A-Za-z0-9]+/g, '-').slice(-80)}.json`;
}

export function fileDeckCache(dir: string): DeckCache {
  const entryPath = (file: string) => join(dir, entryName(file));
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
