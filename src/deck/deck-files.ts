/** Finding deck files on disk: folders are searched recursively for .yaml/.yml, in a stable order. */
import { lstatSync, readdirSync, statSync, type Stats } from 'node:fs';
import { join, resolve } from 'node:path';
import { usageError } from '../errors.js';

const DECK_FILE = /\.ya?ml$/i;

/** A deck file and what stat said of it when it was found (the deck cache's key is made from it). */
export interface DeckFile {
  path: string;
  stat: Stats;
}

/** Expands files and folders into deck files, sorted. A path that does not exist is a usage error. */
export function findDeckFiles(paths: string[], { mustExist = true } = {}): DeckFile[] {
  const files = new Map<string, Stats>();
  for (const path of paths) {
    const full = resolve(path);
    let stat: Stats;
    try {
      stat = statSync(full);
    } catch {
      if (mustExist) throw usageError(`no such file or folder: ${path}`);
      continue;
    }
    if (stat.isDirectory()) walk(full, files);
    else files.set(full, stat);
  }
  return [...files.keys()].sort().map((path) => ({ path, stat: files.get(path)! }));
}

function walk(dir: string, out: Map<string, Stats>): void {
  // Plain code-point order: stable everywhere, and localeCompare would load ICU at start-up (~5 ms).
  // Names and lstat rather than readdir's file types: lstat is needed for the cache key anyway, and
  // the file-type variant of readdir costs more at start-up than the few stats. Symbolic links are
  // skipped (a link to a parent folder would never end).
  const names = readdirSync(dir).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const name of names) {
    if (name.startsWith('.') || name === 'node_modules') continue;
    const path = join(dir, name);
    let stat: Stats;
    try {
      stat = lstatSync(path);
    } catch {
      continue; // gone since the folder was read
    }
    if (stat.isDirectory()) walk(path, out);
    else if (stat.isFile() && DECK_FILE.test(name)) out.set(path, stat);
  }
}
