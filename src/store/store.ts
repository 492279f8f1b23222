/**
 * The data folder, where a learner's history lives:
 *
 *   <data>/logs/<device>.jsonl        append-only event log, one per device (the truth; synced between
 *                                     machines). Line format in log-line.ts; first line a schema header.
 *   <data>/snapshots/<device>.snapshot  derived cache of the reduced state + how far into each log it
 *                                     reaches (bytes, lines, fingerprints); safe to delete
 *   <data>/locks/<device>.lock        write lock: JSON {pid, hostname, started}
 *   <data>/config.json                settings, {"schema":1, ...} (atomic writes)
 *   <data>/backups/<stamp>-<reason>/  rolling copies of logs/ and config.json
 *
 * Each machine writes only its own files, so the folder can be shared through git, Syncthing or a cloud
 * drive: the state is the union of every device's log, merged so that the order does not matter
 * (core/history.ts). Every appended event is synced before append() returns. Writers lock; readers
 * never lock and never write, so `crss stats` works while a session runs. A file written by a newer
 * crss is refused before anything is written.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { HistoryEvent } from '../core/events.js';
import { nextStamp } from '../core/clock.js';
import { renameEvent, withFormerKeys, type FormerKeys } from '../core/former-keys.js';
import { applyEvent, emptyHistory, type HistoryState } from '../core/history.js';
import { makeDir } from './atomic-file.js';
import { createBackup, hasBackupOn } from './backups.js';
import { checkLogHeader, LogWriter, readLog, skippedLinesWarning } from './event-log.js';
import { checkDevice, checkReachable, logFiles, layout } from './layout.js';
import { checkPeerHeader, readPeerLog } from './peer-logs.js';
import { acquireLock, type Lock } from './lock.js';
import { foldOwnCopies, mergedCopyNote } from './log-copies.js';
import { repairOwnLog, rewriteIntact, type RepairContext } from './log-repair.js';
import { markLog, markMatches, readSnapshot, SnapshotRecords, writeSnapshot, type LogMark } from './snapshot.js';

/** Write a fresh snapshot once this many events lie past the last one (bounds the replay at open). */
export const SNAPSHOT_EVERY = 5_000;

export interface StoreOptions {
  dataDir: string;
  device: string;
  /**
   * read: no lock, no writes. write: locked, history loaded at open. append: locked, loaded when first
   * read or appended to (a quiz: its first question costs no history load).
   */
  mode: 'read' | 'write' | 'append';
  now: () => Date;
  warn: (message: string) => void;
  /**
   * Renamed cards of the loaded decks (core/former-keys.ts): `state` and `events()` show their history
   * under the current keys. The logs and the snapshot stay as written.
   */
  formerKeys?: FormerKeys;
}

export interface Store {
  /** The reduced history; append() keeps it current. */
  state: HistoryState;
  /**
   * Saves an event durably (synced), then applies it to `state`. Write and append modes only. The
   * saved event gets its clock stamp here (core/clock.ts), above every stamp read.
   */
  append(event: HistoryEvent): void;
  /** The full history from every device's log, for stats, each event once. Reads the logs again on each call. */
  events(): Iterable<HistoryEvent>;
  close(): void;
}


interface Loaded {
  state: HistoryState;
  marks: Record<string, LogMark>;
  /** Events applied that the snapshot on disk does not hold. */
  unsnapshotted: number;
  /** A newer crss wrote the snapshot: never overwrite it. */
  keepSnapshot: boolean;
}

/** Snapshot if it still matches the logs, plus whatever the logs hold past it. */
function loadState(options: StoreOptions, repair: RepairContext | undefined, ownLogReplaced: () => void): Loaded {
  const { dataDir, device, warn } = options;
  const logsDir = layout.logsDir(dataDir);
  const files = logFiles(logsDir);
  const read = readSnapshot(layout.snapshot(dataDir, device));
  if (read.kind === 'newer') {
    warn(`${layout.snapshot(dataDir, device)}: written by a newer crss (schema ${read.schema}); not using or replacing it (upgrade crss)`);
  }
  const snapshot = read.kind === 'ok' ? read.snapshot : undefined;
  const usable = snapshot !== undefined && Object.entries(snapshot.logs).every(([file, mark]) => files.includes(file) && markMatches(join(logsDir, file), mark));
  if (snapshot && !usable) closeRecords(snapshot.state);
  const state = usable ? snapshot.state : emptyHistory();
  const marks: Record<string, LogMark> = {};
  let applied = 0;
  for (const file of files) {
    const path = join(logsDir, file);
    const mark = usable ? snapshot.logs[file] : undefined;
    const log = file === `${device}.jsonl` ? readLog(path, mark?.offset ?? 0, mark?.lines ?? 0) : readPeerLog(path, dataDir, warn, mark?.offset ?? 0, mark?.lines ?? 0);
    if (!log) continue;
    if (repair && file === `${device}.jsonl` && log.damaged.length > 0) {
      // Damage in our own log further back than the tail check looked: repair, then read again.
      rewriteIntact(path, repair);
      ownLogReplaced();
      closeRecords(state);
      return loadState(options, repair, ownLogReplaced);
    }
    const warning = skippedLinesWarning(path, log);
    if (warning) warn(warning);
    const covered = snapshot?.logs[file];
    if (log.torn && covered !== undefined && log.end < covered.offset) {
      // A torn tail past what the snapshot read may be a save in progress; one before it is damage.
      warn(`${path}: cut or damaged at line ${log.lines + 1}, which was whole when the state was last saved; only the ${log.lines} lines before it are used`);
    }
    const merged = mark === undefined ? mergedCopyNote(path, file, log.header?.device) : undefined;
    if (merged) warn(merged);
    for (const e of log.events) applyEvent(state, e);
    applied += log.events.length;
    marks[file] = markLog(path, log.end, log.lines);
  }
  return { state, marks, unsnapshotted: applied, keepSnapshot: read.kind === 'newer' };
}

/** A snapshot's records keep their file open to read records on demand; this lets it go. */
function closeRecords(state: HistoryState): void {
  if (state.cards instanceof SnapshotRecords) state.cards.close();
}

export function openStore(given: StoreOptions): Store {
  // stats reads the logs twice (state, then events): the same warning is worth one line.
  const warned = new Set<string>();
  const options: StoreOptions = { ...given, warn: (m) => !warned.has(m) && (warned.add(m), given.warn(m)) };
  const { dataDir, device, mode, now, warn } = options;
  checkDevice(device);
  const logsDir = layout.logsDir(dataDir);
  const ownPath = layout.log(dataDir, device);
  const files = logFiles(logsDir);
  if (files.length === 0) checkReachable(dataDir);
  // Refuse a newer crss's logs before writing anything, the lock included.
  for (const file of files) {
    const path = join(logsDir, file);
    if (path === ownPath) checkLogHeader(path);
    else checkPeerHeader(path);
  }

  if (mode === 'read') return openedStore(options, undefined, undefined, undefined).loadNow();

  for (const dir of [logsDir, layout.snapshotsDir(dataDir), layout.locksDir(dataDir)]) makeDir(dir);
  const lock = acquireLock(layout.lock(dataDir, device), dataDir, now());
  try {
    const repair: RepairContext = { dataDir, device, now: now(), warn };
    repairOwnLog(ownPath, repair);
    try {
      if (logFiles(logsDir).length > 0 && !hasBackupOn(dataDir, now())) createBackup(dataDir, 'daily', now());
    } catch (error) {
      // The history itself is safe; a missing backup should not stop studying.
      warn(`daily backup failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    const writer = new LogWriter(ownPath, device);
    foldOwnCopies({ dataDir, logsDir, device, ownPath, now: now(), warn }, files, writer);
    const store = openedStore(options, repair, writer, lock);
    return mode === 'append' ? store : store.loadNow();
  } catch (error) {
    lock.release();
    throw error;
  }
}

/**
 * The history is loaded at open, or in append mode when `state` is first read or an event appended:
 * a quiz pays for loading the history only once its first answer needs a stamp, and a quiz left
 * before any answer not at all.
 */
function openedStore(options: StoreOptions, repair: RepairContext | undefined, writer: LogWriter | undefined, lock: Lock | undefined): Store & { loadNow(): Store } {
  const { dataDir, device, warn } = options;
  const logsDir = layout.logsDir(dataDir);
  const ownFile = `${device}.jsonl`;
  const ownPath = layout.log(dataDir, device);
  let loaded: Loaded | undefined;
  /** `loaded.state` with renamed cards under their current keys. */
  let shown: HistoryState | undefined;
  let unsnapshotted = 0;
  /** Lines appended since `loaded` was read (its marks cover the own log up to then). */
  let ownLinesAppended = 0;
  let closed = false;

  const saveSnapshot = (current: Loaded) => {
    if (!writer || current.keepSnapshot) return;
    try {
      // Own log: everything written so far (every line of it has been applied to the state).
      const own = current.marks[ownFile]!;
      if (ownLinesAppended > 0) current.marks[ownFile] = markLog(ownPath, writer.size, own.lines + ownLinesAppended);
      ownLinesAppended = 0;
      makeDir(layout.snapshotsDir(dataDir)); // a restore removes the folder
      writeSnapshot(layout.snapshot(dataDir, device), { state: current.state, logs: current.marks });
      // The schema 1 snapshot of crss 0.1, now replaced (only a cache; a synced folder need not carry it).
      rmSync(join(layout.snapshotsDir(dataDir), `${device}.json`), { force: true });
      unsnapshotted = 0;
    } catch (error) {
      // Only a cache: failing to write one costs time at the next open, nothing else.
      warn(`could not save the snapshot (start-up will be slower): ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  const load = (): Loaded => {
    if (loaded) return loaded;
    if (closed) throw new Error('state read after the store was closed');
    const fresh = loadState(options, repair, () => writer?.reopen());
    if (writer && !fresh.marks[ownFile]) fresh.marks[ownFile] = markLog(ownPath, writer.size, writer.size > 0 ? 1 : 0);
    loaded = fresh;
    unsnapshotted = fresh.unsnapshotted;
    ownLinesAppended = 0; // the logs were read to their end just now, appends included
    if (unsnapshotted >= SNAPSHOT_EVERY) saveSnapshot(fresh);
    return fresh;
  };

  return {
    get state() {
      const current = load();
      if (!shown) shown = options.formerKeys ? withFormerKeys(current.state, options.formerKeys) : current.state;
      return shown;
    },
    loadNow() {
      try {
        load();
      } catch (error) {
        lock?.release();
        throw error;
      }
      return this;
    },
    append(event) {
      if (!writer) throw new Error('append() on a store opened read-only');
      if (closed) throw new Error('append() on a closed store');
      // In append mode (a quiz) the history loads at the first answer, not before the first question:
      // the stamp must be above every stamp in every log, so that a review made after this answer was
      // read, on a machine whose clock runs behind, still orders after it (and this answer after a
      // review it could read).
      const current = load();
      const stamped: HistoryEvent = { ...event, hlc: nextStamp(event.time, current.state.clock) };
      writer.append(stamped);
      ownLinesAppended++;
      applyEvent(current.state, stamped);
      unsnapshotted++;
      if (unsnapshotted >= SNAPSHOT_EVERY) saveSnapshot(current);
    },
    *events() {
      // An event read twice (the same log under two names, a sync tool's duplicate line) is one event.
      const seen = new Set<string>();
      for (const file of logFiles(logsDir)) {
        const path = join(logsDir, file);
        const log = file === ownFile ? readLog(path) : readPeerLog(path, dataDir, warn);
        if (!log) continue;
        const warning = skippedLinesWarning(path, log);
        if (warning) warn(warning);
        for (const e of log.events) {
          if (seen.has(e.id)) continue;
          seen.add(e.id);
          yield options.formerKeys ? renameEvent(e, options.formerKeys) : e;
        }
      }
    },
    close() {
      if (closed) return;
      closed = true;
      try {
        if (writer) {
          writer.close();
          // Not in append mode: a quiz's few answers cost the next open a few lines to replay, less than
          // rewriting the snapshot (10 MB for 20,000 cards) at the end of every quiz. It still saves once
          // 5,000 events lie past the snapshot, as load() and append() do in every mode.
          if (loaded && unsnapshotted > 0 && options.mode !== 'append') saveSnapshot(loaded);
        }
      } finally {
        if (loaded) closeRecords(loaded.state);
        lock?.release();
      }
    },
  };
}
