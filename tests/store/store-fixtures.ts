/** Shared pieces of the store tests: temp folders, events, and the store bundled for child processes. */
import { buildSync } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { nextStamp } from '../../src/core/clock.js';
import type { HistoryEvent } from '../../src/core/events.js';
import { openStore, type Store } from '../../src/store/store.js';

export const ROOT = resolve(import.meta.dirname, '../..');

export function tempDir(prefix = 'crss-store-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

let seq = 0;
const clock = Date.UTC(2026, 2, 1, 9, 0, 0);

/** A review event `minutes` after 2026-03-01 09:00 UTC. */
export function review(device: string, card: string, minutes = seq): HistoryEvent {
  const time = new Date(clock + minutes * 60_000).toISOString();
  const n = ++seq;
  const after = { due: time, stability: n, difficulty: 5, scheduledDays: 1, learningSteps: 0, reps: 1, lapses: 0, state: 'review' as const, lastReview: time };
  return { type: 'review', id: `${device}-s-${n}`, time, session: 's', card, rating: 3, durationMs: 1000, contentHash: 'h', before: null, after };
}

/** The events as a store saves them, appended in this order: each with its clock stamp (core/clock.ts). */
export function stamped(events: HistoryEvent[], latest = ''): HistoryEvent[] {
  return events.map((e) => ({ ...e, hlc: (latest = nextStamp(e.time, latest)) }));
}

export interface Opened {
  store: Store;
  warnings: string[];
}

export function open(dataDir: string, device = 'dev-a', mode: 'read' | 'write' | 'append' = 'write', now = new Date(clock)): Opened {
  const warnings: string[] = [];
  const store = openStore({ dataDir, device, mode, now: () => now, warn: (m) => warnings.push(m) });
  return { store, warnings };
}

/** Writes events through a real session and closes it. */
export function writeEvents(dataDir: string, device: string, events: HistoryEvent[]): void {
  const { store } = open(dataDir, device);
  try {
    for (const e of events) store.append(e);
  } finally {
    store.close();
  }
}

/** Every file under `dir` with its bytes, to check that nothing was written. */
export function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) {
        out[`${relative(dir, path)}/`] = '';
        walk(path);
      } else out[relative(dir, path)] = readFileSync(path).toString('base64');
    }
  };
  walk(dir);
  return out;
}

let bundled: string | undefined;

/** The store as one CommonJS file, for child processes (Node 20 cannot run the .ts sources). */
export function storeBundle(): string {
  if (bundled) return bundled;
  const dir = tempDir('crss-store-bundle-');
  const outfile = join(dir, 'store.cjs');
  buildSync({ entryPoints: [join(ROOT, 'src/store/store.ts')], bundle: true, platform: 'node', format: 'cjs', outfile, logLevel: 'warning' });
  bundled = outfile;
  return outfile;
}

/** Whether this process may mount a tmpfs (root in a privileged container); tests that need it say so. */
export function canMount(): boolean {
  const probe = tempDir('crss-mount-probe-');
  const ok = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe]).status === 0;
  if (ok) spawnSync('umount', [probe]);
  return ok;
}

/** Mounts a tmpfs of `kb` KiB at a new folder and returns it; umount(path) when done. */
export function mountTmpfs(kb: number): string {
  const dir = tempDir('crss-tmpfs-');
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${kb}k`, 'tmpfs', dir], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`mount failed: ${r.stderr}`);
  mkdirSync(join(dir, 'data'));
  return dir;
}

export function remountReadOnly(dir: string): void {
  const r = spawnSync('mount', ['-o', 'remount,ro', dir], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`remount failed: ${r.stderr}`);
}

export function umount(dir: string): void {
  spawnSync('umount', [dir]);
}
