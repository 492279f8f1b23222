/**
 * Everything crss takes from its environment, resolved once. No other module reads process.env or HOME.
 * Precedence: command-line option > CRSS_* variable > XDG variable > default.
 */
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { homeDir } from './machine.js';

export interface Environment {
  /** Where review history, config and backups live. */
  dataDir: string;
  /** Where derived caches (parsed decks) live; safe to delete. */
  cacheDir: string;
  /** Where the device id lives: per machine, never synced. */
  stateDir: string;
  /** The decks shipped with crss. */
  bundledDecksDir: string;
  /** Extra deck folders from --decks and CRSS_DECKS, in that order. */
  extraDeckDirs: string[];
  /** Whether colour is wanted, before terminal detection (NO_COLOR / --no-color / FORCE_COLOR / TERM). */
  color: 'never' | 'always' | 'auto';
  /**
   * Whether a terminal may be driven with escape sequences (clearing, redrawing, hiding the cursor).
   * Off with NO_COLOR, --no-color, FORCE_COLOR=0 and TERM=dumb: whoever asks for no colour gets a
   * terminal that is only ever written to, line after line (screen readers, dumb terminals, logs).
   */
  cursor: boolean;
  /** The learner's editor ($VISUAL, else $EDITOR), for `e` in study; absent: crss only says where a card is. */
  editor?: string;
  /** An explicit device id (CRSS_DEVICE), mainly for tests of several machines. */
  deviceOverride?: string;
  /** crss's own version, which salts its caches. */
  version: string;
}

export interface GlobalOptions {
  decks?: string[];
  dataDir?: string;
  color?: boolean;
}

/** The package's root folder (this file is dist/env.js once built). */
export const PACKAGE_ROOT = dirname(import.meta.dirname);

/** XDG says relative paths in these variables are invalid and must be ignored. */
function xdg(env: NodeJS.ProcessEnv, name: string, fallback: string): string {
  const value = env[name];
  return value && isAbsolute(value) ? value : join(homeDir(env), fallback);
}

export function resolveEnvironment(options: GlobalOptions, env: NodeJS.ProcessEnv, version: string): Environment {
  const dataDir = options.dataDir ?? (env.CRSS_DATA_DIR || undefined);
  const fromEnv = (env.CRSS_DECKS ?? '').split(':').filter((p) => p !== '');
  const forceColor = env.FORCE_COLOR;
  const noColor = options.color === false || (env.NO_COLOR !== undefined && env.NO_COLOR !== '') || forceColor === '0' || forceColor === 'false';
  const dumb = env.TERM === 'dumb';
  const force = forceColor !== undefined && forceColor !== '' && !noColor;
  return {
    dataDir: dataDir ? resolve(dataDir) : join(xdg(env, 'XDG_DATA_HOME', '.local/share'), 'crss'),
    cacheDir: join(xdg(env, 'XDG_CACHE_HOME', '.cache'), 'crss'),
    stateDir: join(xdg(env, 'XDG_STATE_HOME', '.local/state'), 'crss'),
    bundledDecksDir: join(PACKAGE_ROOT, 'decks'),
    extraDeckDirs: [...(options.decks ?? []), ...fromEnv].map((p) => resolve(p)),
    // FORCE_COLOR=1 wins over TERM=dumb (colour asked for by name), but never brings cursor control back.
    color: noColor ? 'never' : force ? 'always' : dumb ? 'never' : 'auto',
    cursor: !noColor && !dumb,
    ...(env.CRSS_DEVICE ? { deviceOverride: env.CRSS_DEVICE } : {}),
    ...(env.VISUAL || env.EDITOR ? { editor: (env.VISUAL || env.EDITOR)! } : {}),
    version,
  };
}
