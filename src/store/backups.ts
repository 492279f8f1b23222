/**
 * Rolling backups of the history and settings: once a day, before a repair, and before restores,
 * imports, prune and optimize. Each is a folder `backups/<YYYYMMDD-HHMMSS>-<reason>/` holding copies
 * of logs/ and config.json, built under a `.partial` name and renamed when complete and synced.
 */
import { closeSync, existsSync, fsyncSync, openSync, readdirSync, readSync, renameSync, rmSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { usageError } from '../errors.js';
import { fsyncDir, makeDir } from './atomic-file.js';
import { errorCode, fileError } from './file-errors.js';
import { fileStamp, logFiles, layout } from './layout.js';
import { openRegular, RefusedFile } from './safe-open.js';
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

/** Every intact event of the logs in `logsDir` (or of the one named `only`); a log that cannot be read counts as none. */
function eventsIn(logsDir: string, only?: string): HistoryEvent[] {
  return logFiles(logsDir)
    .filter((name) => only === undefined || name === only)
    .flatMap((name) => {
      try {
        return readLog(join(logsDir, name)).events;
      } catch (error) {
        if (error instanceof RefusedFile || errorCode(error) !== undefined) return [];
        throw error;
      }
    });
}

export function summarizeEvents(read: readonly HistoryEvent[]): LogsSummary {
  // The same event in two files (a conflict copy beside its log, a copied log) counts once, as everywhere.
  const ids = new Set<string>();
  const events = read.filter((e) => !ids.has(e.id) && Boolean(ids.add(e.id)));
  let latest: string | undefined;
  for (const e of events) if (latest === undefined || e.time > latest) latest = e.time;
  return {
    events: events.length,
    reviews: events.filter((e) => e.type === 'review').length,
    quizAnswers: events.filter((e) => e.type === 'quiz').length,
    ...(latest === undefined ? {} : { latest }),
  };
}

/**
 * The events that restoring backup `id` would take away: those of this device's log that no log holds
 * after the restore (they stay in the before-restore backup). Only this device's log is rolled back
 * (restoreBackup); other devices' logs are kept as they are, or added when missing, so they lose
 * nothing. After the restore the logs are the backup's copy of this device's log, the backup's logs
 * missing now, and the other present logs.
 */
export function eventsLostByRestore(dataDir: string, id: string, device: string): LogsSummary {
  const backupLogs = join(checkBackupId(dataDir, id), 'logs');
  const logsDir = layout.logsDir(dataDir);
  const own = `${device}.jsonl`;
  const present = new Set(logFiles(logsDir));
  const after = new Set<string>();
  for (const name of logFiles(backupLogs)) if (name === own || !present.has(name)) for (const e of eventsIn(backupLogs, name)) after.add(e.id);
  for (const name of present) if (name !== own) for (const e of eventsIn(logsDir, name)) after.add(e.id);
  return summarizeEvents(eventsIn(logsDir, own).filter((e) => !after.has(e.id)));
}

function checkBackupId(dataDir: string, id: string): string {
  const source = join(layout.backupsDir(dataDir), id);
  if (!BACKUP_ID.test(id) || !existsSync(source) || !statSync(source).isDirectory()) {
    throw usageError(`no backup '${id}' (crss backup list shows them)`);
  }
  return source;
}

const BACKUP_ID = /^(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})-([a-z0-9-]+)$/;

/** Copies in pieces of this size (a log may be 100 MB). */
const COPY_CHUNK = 1 << 20;

/**
 * Copies a regular file to a new file `to` and syncs it. Anything else (a link planted in a shared
 * logs/, a FIFO) is not copied: a link to a secret would put the secret into backups/, inside the
 * synced folder. Returns whether it copied.
 */
function copySynced(from: string, to: string): boolean {
  let source: { fd: number; stat: unknown };
  try {
    source = openRegular(from, 'read');
  } catch (error) {
    if (error instanceof RefusedFile) return false;
    throw error;
  }
  try {
    const out = openSync(to, 'wx');
    try {
      const buf = Buffer.allocUnsafe(COPY_CHUNK);
      for (let n = readSync(source.fd, buf); n > 0; n = readSync(source.fd, buf)) {
        for (let written = 0; written < n; ) written += writeSync(out, buf, written, n - written);
      }
      fsyncSync(out);
    } finally {
      closeSync(out);
    }
  } finally {
    closeSync(source.fd);
  }
  return true;
}


function backupIds(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((name) => BACKUP_ID.test(name))
    .sort()
    .reverse();
}

/** Copies logs/ and config.json into a new backup; returns its id. */
export function createBackup(dataDir: string, reason: string, now: Date, { prune = true } = {}): string {
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
  if (prune) pruneBackups(dataDir, now);
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

/** What a restore put back, and what it left as it was. */
export interface RestoreSummary {
  /** The backup of the state before the restore. */
  before: string;
  /** Log files and config.json put back from the backup. */
  restored: string[];
  /** This device's log, when the backup holds none (its events are in the before-restore backup). */
  removed: string[];
  /** Other devices' logs left as they are: they may hold events newer than the backup. */
  kept: string[];
}

/**
 * Puts a backup back, after backing up the present (reason `before-restore`): this device's log, the
 * logs of other devices that are missing now, and config.json, each replaced atomically. Another
 * device's log that exists is never removed or rolled back: that machine may have a session open and
 * appending to it, and its events since the backup would end up in no file. The caller holds this
 * device's write lock, so no session of this device writes meanwhile. This device's snapshot is
 * dropped: the next open rebuilds it from the restored log.
 */
export function restoreBackup(dataDir: string, id: string, now: Date, device: string): RestoreSummary {
  const source = checkBackupId(dataDir, id);
  // Not pruned until the restore is done: pruning could remove the very backup being restored.
  const before = createBackup(dataDir, 'before-restore', now, { prune: false });
  const logsDir = layout.logsDir(dataDir);
  const own = `${device}.jsonl`;
  const summary: RestoreSummary = { before, restored: [], removed: [], kept: [] };
  try {
    makeDir(logsDir);
    removeRestoreLeftovers(logsDir);
    const present = new Set(logFiles(logsDir));
    for (const name of logFiles(join(source, 'logs'))) {
      if (name !== own && present.has(name)) summary.kept.push(name);
      else if (replaceWithCopy(join(source, 'logs', name), join(logsDir, name))) summary.restored.push(name);
    }
    // This device's log from after the backup is in the before-restore backup; other devices' are kept.
    if (present.has(own) && !summary.restored.includes(own)) {
      unlinkSync(join(logsDir, own));
      summary.removed.push(own);
    }
    for (const name of present) if (name !== own && !summary.kept.includes(name)) summary.kept.push(name);
    fsyncDir(logsDir);
    if (existsSync(join(source, 'config.json')) && replaceWithCopy(join(source, 'config.json'), layout.config(dataDir))) summary.restored.push('config.json');
    rmSync(layout.snapshot(dataDir, device), { force: true });
    fsyncDir(dataDir);
  } catch (error) {
    throw fileError(error, dataDir, 'write', 'the state before the restore is in the before-restore backup');
  }
  summary.kept.sort();
  pruneBackups(dataDir, now);
  return summary;
}

/** Temp files of a restore that was killed before it renamed them (never logs: isLogFile skips them). */
function removeRestoreLeftovers(logsDir: string): void {
  for (const name of readdirSync(logsDir)) if (RESTORE_TEMP.test(name)) rmSync(join(logsDir, name), { force: true });
}

const RESTORE_TEMP = /\.restore-\d+$/;

/** Replaces `to` with a copy of the regular file `from`, atomically; false (nothing done) if `from` is not one. */
function replaceWithCopy(from: string, to: string): boolean {
  const tmp = `${to}.restore-${process.pid}`;
  try {
    rmSync(tmp, { force: true }); // left by a killed restore of a process with this pid
    if (!copySynced(from, tmp)) return false;
    renameSync(tmp, to);
    return true;
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}
