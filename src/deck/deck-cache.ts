/**
 * A cache of parsed decks, so that start-up pays neither for reading big decks nor for the YAML
 * parser (~160 ms for 300 cards, see pitfalls) when nothing changed. An entry is keyed by the deck
 * file's size, modification and change times and inode: any write or replacement of the file changes
 * its change time, which no tool can set back. It is only a cache: any problem reading it means parsing
 * again. Validation never uses it.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { crcHex } from '../core/crc32.js';
import type { ParseResult } from './parse-deck.js';

/** Bump when the parser's output changes shape or meaning. */
const PARSER_VERSION = 2;

export interface DeckCache {
  get(file: string, stat: Stats): ParseResult | undefined;
  set(file: string, stat: Stats, result: ParseResult): void;
}

function fileKey(stat: Stats, salt: string): string {
  return `v${PARSER_VERSION} ${salt} ${stat.size} ${stat.mtimeMs} ${stat.ctimeMs} ${stat.ino}`;
}

/** One cache file per deck file, named after the deck file's path. */
function entryName(file: string): string {
  return `${crcHex(file)}-${file.replace(/[^A-Za-z0-9]+/g, '-').slice(-80)}.json`;
}

/** `salt` is crss's version: an upgrade never reads entries written by another version's parser. */
export function fileDeckCache(dir: string, salt: string): DeckCache {
  const entryPath = (file: string) => join(dir, entryName(file));
  return {
    get(file, stat) {
      try {
        // First line: the key; the rest: the parse result as JSON.
        const text = readFileSync(entryPath(file), 'utf8');
        const nl = text.indexOf('\n');
        return text.slice(0, nl) === fileKey(stat, salt) ? (JSON.parse(text.slice(nl + 1)) as ParseResult) : undefined;
      } catch {
        return undefined;
      }
    },
    set(file, stat, result) {
      try {
        mkdirSync(dir, { recursive: true });
        const path = entryPath(file);
        const tmp = `${path}.${process.pid}.tmp`;
        writeFileSync(tmp, `${fileKey(stat, salt)}\n${JSON.stringify(result)}`);
        renameSync(tmp, path);
      } catch {
        // A cache that cannot be written only costs speed next time.
      }
    },
  };
}
