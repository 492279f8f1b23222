/** Where each file of the data folder lives (the layout is described in store.ts). */
import { existsSync, lstatSync, readdirSync, readlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { logCopyOf } from '../core/log-copies.js';
import { CrssError, usageError } from '../errors.js';
import { errorCode } from './file-errors.js';

/** Device ids name files, so they are kept to characters that are safe in every file system. */
const DEVICE_ID = /^[A-Za-z0-9._-]+$/;
const LOG_FILE = /^[A-Za-z0-9._-]+\.jsonl$/;

export function checkDevice(device: string): void {
  if (!DEVICE_ID.test(device) || device.startsWith('.')) {
    throw usageError(`device id '${device}' must be letters, digits, '.', '_' or '-', not starting with '.'`);
  }
}

/**
 * Whether a file in logs/ is a device's log or a sync tool's copy of one (core/log-copies.ts), not a
 * sync tool's temp file or a kept damaged copy.
 */
export function isLogFile(name: string): boolean {
  return !name.startsWith('.') && (LOG_FILE.test(name) || logCopyOf(name) !== undefined);
}

/** The device logs in a logs/ folder, sorted; none when the folder does not exist yet. */
export function logFiles(logsDir: string): string[] {
  try {
    return readdirSync(logsDir).filter(isLogFile).sort();
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return [];
    throw error;
  }
}

/**
 * Refuses a data folder reached through a link that leads nowhere: an unmounted drive or a moved
 * folder, which would otherwise look like an empty history (and get a new one started beside it).
 * Called only when logs/ holds nothing, so a normal start pays nothing for it.
 */
export function checkReachable(dataDir: string): void {
  for (let d = resolve(dataDir); ; d = dirname(d)) {
    const stat = lstatSync(d, { throwIfNoEntry: false });
    if (stat?.isSymbolicLink() && !existsSync(d)) {
      const where = d === resolve(dataDir) ? `data folder ${dataDir}` : `${d} (in the path of data folder ${dataDir})`;
      throw new CrssError(`${where} is a link to ${readlinkSync(d)}, which does not exist (an unmounted drive?); mount it or fix the link, then try again`);
    }
    if (stat || dirname(d) === d) return;
  }
}

export const layout = {
  logsDir: (data: string) => join(data, 'logs'),
  log: (data: string, device: string) => join(data, 'logs', `${device}.jsonl`),
  snapshotsDir: (data: string) => join(data, 'snapshots'),
  /** Not JSON since schema 2 (snapshot.ts); `<device>.json` is where crss 0.1 kept schema 1. */
  snapshot: (data: string, device: string) => join(data, 'snapshots', `${device}.snapshot`),
  locksDir: (data: string) => join(data, 'locks'),
  lock: (data: string, device: string) => join(data, 'locks', `${device}.lock`),
  config: (data: string) => join(data, 'config.json'),
  backupsDir: (data: string) => join(data, 'backups'),
};

/** A time stamp for file names, in local time (what the learner reads): `YYYYMMDD-HHMMSS`. */
export function fileStamp(now: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}`;
}
