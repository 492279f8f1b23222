/**
 * The data folder, where a learner's history lives. Layout:
 *
 *   <data>/logs/<device>.jsonl       append-only event log, one per device (the truth; synced)
 *   <data>/snapshots/<device>.json   derived cache: reduced state + how far into each log it reaches
 *   <data>/locks/<device>.lock       the writer's lock: {pid, hostname, started}
 *   <data>/config.json               settings
 *   <data>/backups/<stamp>-<reason>/ rolling copies of logs/ and config.json
 *
 * Each machine writes only its own files, so the folder can be shared through git, Syncthing or a
 * cloud drive: state is rebuilt from the union of every device's log, and merging is order-free.
 * Every appended event is fsync'd before append() returns.
 */
import { closeSync, copyFileSync, existsSync, ftruncateSync, fsyncSync, mkdirSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import type { HistoryEvent } from '../core/events.js';
import { applyEvent, emptyHistory, type HistoryState } from '../core/history.js';
import { fileError, writeFileAtomic } from './atomic-file.js';
import { createBackup, hasBackupOn } from './backups.js';
import { encodeLine, LOG_SCHEMA, LogWriter, readLog } from './event-log.js';
import { acquireLock, type Lock } from './lock.js';
import { readSnapshot, writeSnapshot, type LogMark } from './snapshot.js';

/** Write a fresh snapshot when this many events had to be read past the old one. */
const SNAPSHOT_EVERY = 5_000;

export interface StoreOptions {
  dataDir: string;
  device: string;
  mode: 'read' | 'write';
  now: () => Date;
  warn: (message: string) => void;
}

export interface Store {
  state: HistoryState;
  append(event: HistoryEvent): void;
  /** The full history from every device's log, for stats. */
  events(): Iterable<HistoryEvent>;
  close(): void;
}

/** Reads `length` bytes at `position` (fewer at the end of the file). */
function readAt(path: string, position: number, length: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(length);
    return buf.subarray(0, readSync(fd, buf, 0, length, position));
  } finally {
    closeSync(fd);
  }
}

function headerCrc(path: string): string {
  const first = readAt(path, 0, 512).toString('utf8').split('\n')[0] ?? '';
  return crc32(first).toString(16);
}

function stamp(now: Date): string {
  return now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

function logFiles(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort() : [];
}

export function openStore(options: StoreOptions): Store {
  const { dataDir, device, mode, now, warn } = options;
  const logsDir = join(dataDir, 'logs');
  const ownLog = `${device}.jsonl`;
  const snapshotPath = join(dataDir, 'snapshots', `${device}.json`);
  let lock: Lock | undefined;
  if (mode === 'write') {
    try {
      for (const dir of [logsDir, join(dataDir, 'snapshots'), join(dataDir, 'locks')]) mkdirSync(dir, { recursive: true });
    } catch (error) {
      throw fileError(error, dataDir, 'create');
    }
    lock = acquireLock(join(dataDir, 'locks', `${device}.lock`), dataDir, now());
  }
  try {
    if (mode === 'write') repairOwnLog(join(logsDir, ownLog), dataDir, device, now(), warn);
    const files = logFiles(logsDir);
    const snapshot = readSnapshot(snapshotPath);
    // Usable only if every log it covers is still there, with the same first line, and each offset
    // is a line end; otherwise rebuild from the logs.
    const usable =
      snapshot !== undefined &&
      Object.entries(snapshot.logs).every(([file, mark]) => {
        const path = join(logsDir, file);
        if (!files.includes(file)) return false;
        if (headerCrc(path) !== mark.header) return false;
        return mark.offset === 0 || readAt(path, mark.offset - 1, 1)[0] === 10;
      });
    const state: HistoryState = usable ? snapshot.state : emptyHistory();
    const marks: Record<string, LogMark> = {};
    let fresh = 0;
    for (const file of files) {
      const path = join(logsDir, file);
      const from = usable ? (snapshot.logs[file]?.offset ?? 0) : 0;
      const chunk = readLog(path, from);
      if (chunk.damaged.length > 0 && mode === 'write' && file === ownLog) {
        // Damage further back than the tail check looked: same remedy, then start again.
        rewriteIntact(path, device, now(), warn);
        lock?.release();
        return openStore(options);
      }
      if (chunk.damaged.length > 0) warn(`${path}: skipped ${chunk.damaged.length} damaged line${chunk.damaged.length === 1 ? '' : 's'} (line ${chunk.damaged.join(', ')} counted from byte ${from})`);
      for (const e of chunk.events) applyEvent(state, e);
      fresh += chunk.events.length;
      marks[file] = { offset: chunk.end, header: headerCrc(path) };
    }

    let writer: LogWriter | undefined;
    let appended = 0;
    const saveSnapshot = () => {
      const own = join(logsDir, ownLog);
      if (existsSync(own)) marks[ownLog] = { offset: statSync(own).size, header: headerCrc(own) };
      try {
        writeSnapshot(snapshotPath, { state, logs: marks });
      } catch (error) {
        // A snapshot is only a cache; failing to write one costs speed next time, nothing else.
        warn(error instanceof Error ? error.message : String(error));
      }
    };
    if (mode === 'write') {
      if (files.length > 0 && !hasBackupOn(dataDir, now())) createBackup(dataDir, 'daily', now());
      writer = new LogWriter(join(logsDir, ownLog), device);
      if (fresh >= SNAPSHOT_EVERY || (!usable && fresh > 0)) saveSnapshot();
    }
    return {
      state,
      append(event) {
        if (!writer) throw new Error('append on a store opened read-only');
        writer.append(event);
        applyEvent(state, event);
        appended++;
      },
      *events() {
        for (const file of logFiles(logsDir)) yield* readLog(join(logsDir, file), 0).events;
      },
      close() {
        if (writer) {
          writer.close();
          if (appended > 0) saveSnapshot();
        }
        lock?.release();
      },
    };
  } catch (error) {
    lock?.release();
    throw error;
  }
}

/** Keeps a damaged log beside itself, unchanged, and rewrites it with every intact line. */
function rewriteIntact(path: string, device: string, now: Date, warn: (m: string) => void): void {
  const aside = `${path}.damaged-${stamp(now)}`;
  copyFileSync(path, aside);
  const all = readLog(path, 0);
  writeFileAtomic(path, encodeLine({ type: 'header', schema: LOG_SCHEMA, device }) + all.events.map((e) => encodeLine(e)).join(''));
  warn(`${path} had damaged lines; the original is kept as ${aside} and the ${all.events.length} intact events were kept`);
}

/**
 * Before writing, this device's own log must end cleanly. A torn last line (a crash mid-write) is
 * cut; a damaged line elsewhere means the file is moved aside, kept, and rewritten with every intact
 * line. The original always survives in backups/ or beside the log.
 */
function repairOwnLog(path: string, dataDir: string, device: string, now: Date, warn: (m: string) => void): void {
  if (!existsSync(path)) return;
  // Only the tail can be torn; reading the last 64 KiB finds it without reading the whole history.
  const size = statSync(path).size;
  const tailStart = Math.max(0, size - 65_536);
  const tail = readAt(path, tailStart, size - tailStart);
  const firstNl = tailStart === 0 ? -1 : tail.indexOf(10);
  const from = tailStart === 0 ? 0 : tailStart + firstNl + 1;
  const chunk = readLog(path, from);
  if (chunk.damaged.length > 0) {
    rewriteIntact(path, device, now, warn);
    return;
  }
  if (chunk.tornTail) {
    const backups = join(dataDir, 'backups');
    mkdirSync(backups, { recursive: true });
    copyFileSync(path, join(backups, `torn-${stamp(now)}-${device}.jsonl`));
    const fd = openSync(path, 'r+');
    try {
      ftruncateSync(fd, chunk.end);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
}
