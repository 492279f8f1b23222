/** Runs the real built binary (bin/crss.js) in an isolated environment: temp XDG folders, no colour. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const BIN = join(ROOT, 'bin/crss.js');

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function tempDir(prefix = 'crss-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A fresh home for one test: data, cache and state folders that nothing else uses. */
export function isolatedEnv(extra: Record<string, string> = {}): Record<string, string> {
  const home = tempDir('crss-home-');
  return {
    PATH: process.env.PATH ?? '',
    HOME: home,
    XDG_DATA_HOME: join(home, 'data'),
    XDG_CACHE_HOME: join(home, 'cache'),
    XDG_STATE_HOME: join(home, 'state'),
    NO_COLOR: '1',
    ...extra,
  };
}

export function runCrss(args: string[], options: { env?: Record<string, string>; input?: string; cwd?: string } = {}): RunResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env: options.env ?? isolatedEnv(),
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * A time zone in which it is now around midday (11:00 to 13:00). A session brings a card back after a
 * learning step only until the end of the local day, so tests that rate cards must not run shortly
 * before local midnight, and CI runs at any hour. (Etc/GMT-N is N hours east of UTC.)
 */
export function middayZone(now = new Date()): string {
  const offset = (12 - now.getUTCHours() + 24) % 24;
  const east = offset > 12 ? offset - 24 : offset; // -11 to 12
  return east === 0 ? 'UTC' : `Etc/GMT${east > 0 ? '-' : '+'}${Math.abs(east)}`;
}
