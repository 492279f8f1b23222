/** Finding deck files on disk: folders are searched recursively for .yaml/.yml, in a stable order. */
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { usageError } from '../errors.js';

const DECK_FILE = /\.ya?ml$/i;

/** Expands files and folders into deck files, sorted. A path that does not exist is a usage error. */
export function findDeckFiles(paths: string[], { mustExist = true } = {}): string[] {
  const files = new Set<string>();
  for (const path of paths) {
    const full = resolve(path);
    let isDir: boolean;
    try {
      isDir = statSync(full).isDirectory();
    } catch {
      if (mustExist) throw usageError(`no such file or folder: ${path}`);
      continue;
    }
    if (isDir) walk(full, files);
    else files.add(full);
  }
  return [...files].sort();
}

function walk(dir: string, out: Set<string>): void {
  // Plain code-point order: stable everywhere, and localeCompare would load ICU at start-up (~5 ms).
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, out);
    else if (entry.isFile() && DECK_FILE.test(entry.name)) out.add(path);
  }
}
