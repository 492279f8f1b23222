/**
 * Rolling backups of the history and settings: once a day, before a repair, and before restores,
 * imports, prune and optimize. Each is a folder `backups/<YYYYMMDD-HHMMSS>-<reason>/` holding copies
 * of logs/ and config.json, built under a `.partial` name and renamed when complete and synced.
 */
import { closeSync, copyFileSync, existsSync, fsyncSync, openSync, readdirSync, renameSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { usageError } from '../errors.js';
import { fsyncDir, makeDir } from './atomic-file.js';
import { fileError } from './file-errors.js';
import { fileStamp, logFiles, layout } from './layout.js';
import { readLog } from './event-log.js';
import type { HistoryEvent } from '../core/events.js';

/** Keep the newest this many backups... */
export const KEEP_RECENT = 10;
/** ...plus the first backup of each of the last this many days (today included). */
export const DAILY_DAYS = 7;

export interface BackupInfo {
  id: string;
  reason: string;
  /** Local time, `YYYY-MM-DD HH:MM:SS`. */
  time: string;
  /** Log files in it. */
  files: number;
  /** Study ratings in it. */
  reviews: number;
  /** Quiz answers in it. */
  quizAnswers: number;
  /** Every event in it (ratings, answers, undos, suspensions...). */
  events: number;
  /** Time of its latest event (ISO), if any: how recent the history it holds is. */
  latest?: string;
}

/** What a set of logs holds, counted by event. */
export interface LogsSummary {
  events: number;
  reviews: number;
  quizAnswers: number;
  latest?: string;
}

/** Every intact event of the logs in `logsDir`. */
function eventsIn(logsDir: string): HistoryEvent[] {
  return logFiles(logsDir).flatMap((name) => readLog(join(logsDir, name)).events);
}

export function summarizeEvents(events: readonly HistoryEvent[]): LogsSummary {
  let latest: string | undefined;
  for (const e of events) if (latest === undefined || e.time > latest) latest = e.time;
  return {
    events: events.length,
    reviews: events.filter((e) => e.type === 'review').length,
    quizAnswers: events.filter((e) => e.type === 'quiz').length,
    ...(latest === undefined ? {} : { latest }),
  };
}

/** The events of the present logs that restoring backup `id` would take away (they stay in the before-restore backup). */
export function eventsLostByRestore(dataDir: string, id: string): LogsSummary {
  const kept = new Set(eventsIn(join(checkBackupId(dataDir, id), 'logs')).map((e) => e.id));
  return summarizeEvents(eventsIn(layout.logsDir(dataDir)).filter((e) => !kept.has(e.id)));
}

function checkBackupId(dataDir: string, id: string): string {
  const source = join(layout.backupsDir(dataDir), id);
  if (!BACKUP_ID.test(id) || !existsSync(source) || !statSync(source).isDirectory()) {
    throw usageError(`no backup '${id}' (crss backup list shows them)`);
  }
  return source;
}

const BACKUP_ID = /^(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})-([a-z0-9-]+)$/;

function syncFile(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function copySynced(from: string, to: string): void {
  copyFileSync(from, to);
  syncFile(to);
}


function backupIds(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((name) => BACKUP_ID.test(name))
    .sort()
    .reverse();
}

/** Copies logs/ and config.json into a new backup; returns its id. */
export function createBackup(dataDir: string, reason: string, now: Date): string {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(reason)) throw new Error(`bad backup reason '${reason}'`);
  const root = layout.backupsDir(dataDir);
  let id = `${fileStamp(now)}-${reason}`;
  for (let n = 2; existsSync(join(root, id)); n++) id = `${fileStamp(now)}-${reason}-${n}`;
  const target = join(root, id);
  const partial = `${target}.partial`;
  try {
    makeDir(root);
    rmSync(partial, { recursive: true, force: true });
    makeDir(join(partial, 'logs'));
    const logsDir = layout.logsDir(dataDir);
    for (const name of logFiles(logsDir)) copySynced(join(logsDir, name), join(partial, 'logs', name));
    fsyncDir(join(partial, 'logs'));
    if (existsSync(layout.config(dataDir))) copySynced(layout.config(dataDir), join(partial, 'config.json'));
    fsyncDir(partial);
    renameSync(partial, target);
    fsyncDir(root);
  } catch (error) {
    rmSync(partial, { recursive: true, force: true });
    throw fileError(error, target, 'write', 'no backup was made');
  }
  pruneBackups(dataDir, now);
  return id;
}

/** Backups, newest first. */
export function listBackups(dataDir: string): BackupInfo[] {
  const root = layout.backupsDir(dataDir);
  return backupIds(root).map((id) => {
    const [, y, mo, d, h, mi, s, reason] = BACKUP_ID.exec(id)!;
    const logs = join(root, id, 'logs');
    return { id, reason: reason!.replace(/-\d+$/, ''), time: `${y}-${mo}-${d} ${h}:${mi}:${s}`, files: logFiles(logs).length, ...summarizeEvents(eventsIn(logs)) };
  });
}

/** Whether a backup was already made on the local day of `now`. */
export function hasBackupOn(dataDir: string, now: Date): boolean {
  const day = fileStamp(now).slice(0, 8);
  return backupIds(layout.backupsDir(dataDir)).some((id) => id.startsWith(day));
}

/** Keeps the newest KEEP_RECENT backups and the first one of each of the last DAILY_DAYS days. */
export function pruneBackups(dataDir: string, now: Date): void {
  const root = layout.backupsDir(dataDir);
  const ids = backupIds(root); // newest first
  const keep = new Set(ids.slice(0, KEEP_RECENT));
  for (let i = 0; i < DAILY_DAYS; i++) {
    const day = fileStamp(new Date(now.getFullYear(), now.getMonth(), now.getDate() - i)).slice(0, 8);
    const first = ids.filter((id) => id.startsWith(day)).at(-1);
    if (first !== undefined) keep.add(first);
  }
  for (const id of ids) if (!keep.has(id)) rmSync(join(root, id), { recursive: true, force: true });
}

/**
 * Puts a backup's logs and config back, after backing up the present (reason `before-restore`).
 * Each file is replaced atomically; logs that did not exist then are removed (they are in the new
 * backup). Snapshots are dropped: the next open rebuilds from the restored logs. The caller holds the
 * write lock, so no session of this device writes meanwhile.
 */
export function restoreBackup(dataDir: string, id: string, now: Date): void {
  const source = checkBackupId(dataDir, id);
  createBackup(dataDir, 'before-restore', now);
  const logsDir = layout.logsDir(dataDir);
  const wanted = logFiles(join(source, 'logs'));
  try {
    makeDir(logsDir);
    for (const name of wanted) replaceWithCopy(join(source, 'logs', name), join(logsDir, name));
    for (const name of logFiles(logsDir)) if (!wanted.includes(name)) unlinkSync(join(logsDir, name));
    fsyncDir(logsDir);
    if (existsSync(join(source, 'config.json'))) replaceWithCopy(join(source, 'config.json'), layout.config(dataDir));
    rmSync(layout.snapshotsDir(dataDir), { recursive: true, force: true });
    fsyncDir(dataDir);
  } catch (error) {
    throw fileError(error, dataDir, 'write', 'the state before the restore is in the before-restore backup');
  }
}

function replaceWithCopy(from: string, to: string): void {
  const tmp = `${to}.restore-${process.pid}`;
  try {
    copySynced(from, tmp);
    renameSync(tmp, to);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}
