/**
 * The decks crss studies from: the bundled ones plus --decks, CRSS_DECKS and `crss config set decks` folders, through the parse
 * cache. Broken decks are reported in one line each and skipped, so one bad file never blocks study.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Environment } from '../env.js';
import { CrssError, usageError } from '../errors.js';
import { readConfig } from '../store/config-file.js';
import { sanitizeLine } from '../terminal/sanitize.js';
import { fileDeckCache } from './deck-cache.js';
import { findDeckFiles } from './deck-files.js';
import { loadDeckFiles, type LoadedDecks } from './load-decks.js';
import type { Deck } from './model.js';

/** The deck files crss loads by default, in order: bundled first, then extra folders. */
export function defaultDeckPaths(env: Environment): string[] {
  return [env.bundledDecksDir, ...env.extraDeckDirs, ...configuredDeckDirs(env.dataDir)];
}

/** The folders of `crss config set decks`; one that is gone is named with how to change the setting. */
function configuredDeckDirs(dataDir: string): string[] {
  const value = readConfig(dataDir).decks;
  if (typeof value !== 'string') return [];
  const dirs = value.split(':').filter((d) => d !== '');
  for (const dir of dirs) {
    if (!existsSync(dir)) throw usageError(`deck folder ${dir} (crss config decks) does not exist; change it with crss config set decks`);
  }
  return dirs;
}

export function loadLibrary(env: Environment): Promise<LoadedDecks> {
  const files = findDeckFiles(defaultDeckPaths(env));
  return loadDeckFiles(files, fileDeckCache(join(env.cacheDir, 'decks'), env.version));
}

/** Loads the library for study or quiz: warns about broken decks, fails when nothing valid is left. */
export async function loadUsableDecks(env: Environment, warn: (line: string) => void): Promise<Deck[]> {
  const loaded = await loadLibrary(env);
  const broken = new Map<string, number>();
  for (const p of loaded.problems) if (p.severity === 'error') broken.set(p.file, (broken.get(p.file) ?? 0) + 1);
  for (const [file, count] of broken) {
    const first = loaded.problems.find((p) => p.file === file && p.severity === 'error')!;
    warn(sanitizeLine(`skipping ${file}: ${count} error${count === 1 ? '' : 's'}, first at line ${first.line}: ${first.message} (run crss validate)`));
  }
  if (loaded.decks.length === 0) {
    throw new CrssError(loaded.files.length === 0 ? 'no decks found (add a folder with --decks)' : 'no valid decks to load (run crss validate to see why)');
  }
  return loaded.decks;
}
