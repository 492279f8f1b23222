/**
 * Rolling backups of the history and settings: before restores, imports, prune and optimize, and
 * once a day. Each is a folder `backups/<YYYYMMDD-HHMMSS>-<reason>/` with copies of logs/ and config.json.
 */
import { copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, closeSync, readdirSync, renameSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { CrssError, usageError } from '../errors.js';
import { fileError, fsyncDir } from './atomic-file.js';

/** Keep the newest this many backups, plus the newest of each of the last DAILY_DAYS days. */
export const KEEP_RECENT = 10;
export const DAILY_DAYS = 7;

export interface BackupInfo {
  id: string;
  reason: string;
  time: string;
  files: number;
}

function stamp(now: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}`;
}

function syncFile(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function copyInto(files: string[], fromDir: string, toDir: string): void {
  mkdirSync(toDir, { recursive: true });
  for (const name of files) {
    copyFileSync(join(fromDir, name), join(toDir, name));
    syncFile(join(toDir, name));
  }
  fsyncDir(toDir);
}

function logFiles(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.jsonl')) : [];
}

export function createBackup(dataDir: string, reason: string, now: Date): string {
  const root = join(dataDir, 'backups');
  let id = `${stamp(now)}-${reason}`;
  for (let n = 2; existsSync(join(root, id)); n++) id = `${stamp(now)}-${reason}-${n}`;
  const target = join(root, id);
  const tmp = `${target}.partial`;
  try {
    rmSync(tmp, { recursive: true, force: true });
    copyInto(logFiles(join(dataDir, 'logs')), join(dataDir, 'logs'), join(tmp, 'logs'));
    if (existsSync(join(dataDir, 'config.json'))) copyInto(['config.json'], dataDir, tmp);
    renameSync(tmp, target);
    fsyncDir(root);
  } catch (error) {
    rmSync(tmp, { recursive: true, force: true });
    throw fileError(error, target, 'back up to');
  }
  prune(root);
  return id;
}

export function listBackups(dataDir: string): BackupInfo[] {
  const root = join(dataDir, 'backups');
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((name) => /^\d{8}-\d{6}-/.test(name) && !name.endsWith('.partial'))
    .sort()
    .reverse()
    .map((id) => {
      const m = /^(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})-(.*)$/.exec(id)!;
      return { id, reason: m[7]!.replace(/-\d+$/, ''), time: `${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]}:${m[6]}`, files: logFiles(join(root, id, 'logs')).length };
    });
}

/** Whether a backup was already made on the local day of `now`. */
export function hasBackupOn(dataDir: string, now: Date): boolean {
  const day = stamp(now).slice(0, 8);
  return listBackups(dataDir).some((b) => b.id.startsWith(day));
}

function prune(root: string): void {
  const ids = readdirSync(root).filter((n) => /^\d{8}-\d{6}-/.test(n) && !n.endsWith('.partial')).sort().reverse();
  const keep = new Set(ids.slice(0, KEEP_RECENT));
  const days = new Set<string>();
  for (const id of ids) {
    const day = id.slice(0, 8);
    if (days.size < DAILY_DAYS && !days.has(day)) {
      days.add(day);
      keep.add(id);
    }
  }
  for (const id of ids) if (!keep.has(id)) rmSync(join(root, id), { recursive: true, force: true });
}

export function restoreBackup(dataDir: string, id: string, now: Date): void {
  const source = join(dataDir, 'backups', id);
  if (!/^\d{8}-\d{6}-[A-Za-z0-9-]+$/.test(id) || !existsSync(source) || !statSync(source).isDirectory()) {
    throw usageError(`no backup '${id}' (crss backup list shows them)`);
  }
  createBackup(dataDir, 'before-restore', now);
  const logs = join(dataDir, 'logs');
  mkdirSync(logs, { recursive: true });
  const wanted = logFiles(join(source, 'logs'));
  try {
    for (const name of wanted) {
      const tmp = join(logs, `${name}.restore-tmp`);
      copyFileSync(join(source, 'logs', name), tmp);
      syncFile(tmp);
      renameSync(tmp, join(logs, name));
    }
    // Logs that did not exist then are set aside (they are in the before-restore backup too).
    for (const name of logFiles(logs)) if (!wanted.includes(name)) unlinkSync(join(logs, name));
    fsyncDir(logs);
    if (existsSync(join(source, 'config.json'))) {
      copyFileSync(join(source, 'config.json'), join(dataDir, 'config.json.restore-tmp'));
      syncFile(join(dataDir, 'config.json.restore-tmp'));
      renameSync(join(dataDir, 'config.json.restore-tmp'), join(dataDir, 'config.json'));
    }
    // Snapshots are derived from the logs; drop them so the next start rebuilds from what was restored.
    rmSync(join(dataDir, 'snapshots'), { recursive: true, force: true });
    fsyncDir(dataDir);
  } catch (error) {
    if (error instanceof CrssError) throw error;
    throw fileError(error, dataDir, 'restore into');
  }
}
