/**
 * The data folder, where a learner's history lives:
 *
 *   <data>/logs/<device>.jsonl        append-only event log, one per device (the truth; synced between
 *                                     machines). Line format in log-line.ts; first line a schema header.
 *   <data>/snapshots/<device>.json    derived cache of the reduced state + how far into each log it
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
import { join } from 'node:path';
import type { HistoryEvent } from '../core/events.js';
import { applyEvent, emptyHistory, type HistoryState } from '../core/history.js';
import { makeDir } from './atomic-file.js';
import { createBackup, hasBackupOn } from './backups.js';
import { checkLogHeader, LogWriter, readLog, skippedLinesWarning } from './event-log.js';
import { checkDevice, logFiles, layout } from './layout.js';
import { acquireLock, type Lock } from './lock.js';
import { repairOwnLog, rewriteIntact, type RepairContext } from './log-repair.js';
import { markLog, markMatches, readSnapshot, SnapshotRecords, writeSnapshot, type LogMark } from './snapshot.js';

/** Write a fresh snapshot once this many events lie past the last one (bounds the replay at open). */
export const SNAPSHOT_EVERY = 5_000;

export interface StoreOptions {
  dataDir: string;
  device: string;
  mode: 'read' | 'write';
  now: () => Date;
  warn: (message: string) => void;
}

export interface Store {
  /** The reduced history; append() keeps it current. */
  state: HistoryState;
  /** Saves an event durably (synced), then applies it to `state`. Write mode only. */
  append(event: HistoryEvent): void;
  /** The full history from every device's log, for stats. Reads the logs again on each call. */
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
function loadState(options: StoreOptions, repair: RepairContext | undefined): Loaded {
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
    const log = readLog(path, mark?.offset ?? 0, mark?.lines ?? 0);
    if (repair && file === `${device}.jsonl` && log.damaged.length > 0) {
      // Damage in our own log further back than the tail check looked: repair, then read again.
      rewriteIntact(path, repair);
      closeRecords(state);
      return loadState(options, repair);
    }
    const warning = skippedLinesWarning(path, log);
    if (warning) warn(warning);
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

export function openStore(options: StoreOptions): Store {
  const { dataDir, device, mode, now, warn } = options;
  checkDevice(device);
  const logsDir = layout.logsDir(dataDir);
  const ownFile = `${device}.jsonl`;
  const ownPath = layout.log(dataDir, device);
  // Refuse a newer crss's logs before writing anything, the lock included.
  for (const file of logFiles(logsDir)) checkLogHeader(join(logsDir, file));

  if (mode === 'read') return openedStore(options, loadState(options, undefined), undefined, undefined);

  for (const dir of [logsDir, layout.snapshotsDir(dataDir), layout.locksDir(dataDir)]) makeDir(dir);
  const lock = acquireLock(layout.lock(dataDir, device), dataDir, now());
  try {
    const repair: RepairContext = { dataDir, device, now: now(), warn };
    repairOwnLog(ownPath, repair);
    const loaded = loadState(options, repair);
    try {
      if (logFiles(logsDir).length > 0 && !hasBackupOn(dataDir, now())) createBackup(dataDir, 'daily', now());
    } catch (error) {
      // The history itself is safe; a missing backup should not stop studying.
      warn(`daily backup failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    const writer = new LogWriter(ownPath, device);
    if (!loaded.marks[ownFile]) loaded.marks[ownFile] = markLog(ownPath, writer.size, writer.size > 0 ? 1 : 0);
    return openedStore(options, loaded, writer, lock);
  } catch (error) {
    lock.release();
    throw error;
  }
}

function openedStore(options: StoreOptions, loaded: Loaded, writer: LogWriter | undefined, lock: Lock | undefined): Store {
  const { dataDir, device, warn } = options;
  const logsDir = layout.logsDir(dataDir);
  const ownFile = `${device}.jsonl`;
  const { state, marks } = loaded;
  let unsnapshotted = loaded.unsnapshotted;
  let ownLinesAppended = 0;
  let closed = false;

  const saveSnapshot = () => {
    if (!writer || loaded.keepSnapshot) return;
    try {
      // Own log: everything written so far (every line of it has been applied to `state`).
      const own = marks[ownFile]!;
      if (ownLinesAppended > 0) marks[ownFile] = markLog(layout.log(dataDir, device), writer.size, own.lines + ownLinesAppended);
      ownLinesAppended = 0;
      makeDir(layout.snapshotsDir(dataDir)); // a restore removes the folder
      writeSnapshot(layout.snapshot(dataDir, device), { state, logs: marks });
      unsnapshotted = 0;
    } catch (error) {
      // Only a cache: failing to write one costs time at the next open, nothing else.
      warn(`could not save the snapshot (start-up will be slower): ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  if (unsnapshotted >= SNAPSHOT_EVERY) saveSnapshot();

  return {
    state,
    append(event) {
      if (!writer) throw new Error('append() on a store opened read-only');
      if (closed) throw new Error('append() on a closed store');
      writer.append(event);
      ownLinesAppended++;
      applyEvent(state, event);
      unsnapshotted++;
      if (unsnapshotted >= SNAPSHOT_EVERY) saveSnapshot();
    },
    *events() {
      for (const file of logFiles(logsDir)) {
        const path = join(logsDir, file);
        const log = readLog(path);
        const warning = skippedLinesWarning(path, log);
        if (warning) warn(warning);
        yield* log.events;
      }
    },
    close() {
      if (closed) return;
      closed = true;
      try {
        if (writer) {
          writer.close();
          if (unsnapshotted > 0) saveSnapshot();
        }
      } finally {
        closeRecords(state);
        lock?.release();
      }
    },
  };
}
