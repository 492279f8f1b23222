/**
 * A derived cache of the reduced history, so that opening does not replay 200,000 events: the state
 * plus, per log file, how far into it the state reaches. It is only a cache: anything wrong with it
 * (damage, a log that shrank or was rewritten) means rebuilding from the logs, which are the truth.
 *
 * File: `{"schema":1,"crc":"<crc32 of body>","body":{...}}`.
 */
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { HISTORY_REDUCER_VERSION, type CardRecord, type HistoryState } from '../core/history.js';
import { writeFileAtomic } from './atomic-file.js';
import { errorCode } from './file-errors.js';
import { crcHex } from '../core/crc32.js';

export const SNAPSHOT_SCHEMA = 1;

/** How far into one log the snapshot reaches, and fingerprints to notice that the log was replaced. */
export interface LogMark {
  /** Bytes covered (always a line end). */
  offset: number;
  /** Lines covered, so warnings about later lines give their real numbers. */
  lines: number;
  /** CRC of the first line (the header). */
  header: string;
  /** CRC of the bytes just before `offset`: a log rewritten with other content fails it. */
  tail: string;
}

export interface Snapshot {
  state: HistoryState;
  logs: Record<string, LogMark>;
}

export type SnapshotRead = { kind: 'ok'; snapshot: Snapshot } | { kind: 'newer'; schema: number } | { kind: 'unusable' };

interface SnapshotBody {
  /** The reducer that derived this state; another one means rebuilding from the logs. */
  reducer: number;
  reviewCount: number;
  undone: string[];
  cards: [string, CardRecord][];
  logs: Record<string, LogMark>;
}

/** Bytes before a mark's offset that its fingerprint covers. */
const TAIL_BYTES = 256;
/** Longest header line looked for (a real one is ~70 bytes). */
const HEADER_MAX = 4096;

function readAt(path: string, position: number, length: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(length);
    return buf.subarray(0, readSync(fd, buf, 0, length, position));
  } finally {
    closeSync(fd);
  }
}

function fingerprint(path: string, offset: number): { header: string; tail: string } | undefined {
  if (offset === 0) return { header: '', tail: '' };
  const head = readAt(path, 0, Math.min(offset, HEADER_MAX));
  const nl = head.indexOf(10);
  const start = Math.max(0, offset - TAIL_BYTES);
  const tail = readAt(path, start, offset - start);
  if (tail.length !== offset - start || tail[tail.length - 1] !== 10) return undefined; // shorter, or not a line end
  return { header: crcHex(nl === -1 ? head : head.subarray(0, nl)), tail: crcHex(tail) };
}

/** A mark for `offset` in the log; one that never matches if the log changed under us meanwhile. */
export function markLog(path: string, offset: number, lines: number): LogMark {
  let print: ReturnType<typeof fingerprint>;
  try {
    print = fingerprint(path, offset);
  } catch {
    print = undefined; // gone meanwhile (a sync tool replacing it)
  }
  return { offset, lines, ...(print ?? { header: '', tail: 'changed' }) };
}

/** Whether the log still begins with what the mark saw. */
export function markMatches(path: string, mark: LogMark): boolean {
  try {
    const print = fingerprint(path, mark.offset);
    return print !== undefined && print.header === mark.header && print.tail === mark.tail;
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return false;
    throw error;
  }
}

export function encodeSnapshot(snapshot: Snapshot): string {
  const body: SnapshotBody = {
    reducer: HISTORY_REDUCER_VERSION,
    reviewCount: snapshot.state.reviewCount,
    undone: [...snapshot.state.undone],
    cards: [...snapshot.state.cards],
    logs: snapshot.logs,
  };
  const json = JSON.stringify(body);
  return `{"schema":${SNAPSHOT_SCHEMA},"crc":"${crcHex(json)}","body":${json}}`;
}

export function writeSnapshot(path: string, snapshot: Snapshot): void {
  writeFileAtomic(path, encodeSnapshot(snapshot));
}

const HEAD = /^\{"schema":(\d+),"crc":"([0-9a-f]{8})","body":/;

export function readSnapshot(path: string): SnapshotRead {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    return { kind: 'unusable' };
  }
  // Checked on the bytes: decoding megabytes to a string only to re-encode them for the CRC is slow.
  const m = HEAD.exec(bytes.subarray(0, 64).toString('latin1'));
  if (!m) return { kind: 'unusable' };
  const schema = Number(m[1]);
  if (schema > SNAPSHOT_SCHEMA) return { kind: 'newer', schema };
  if (schema !== SNAPSHOT_SCHEMA || bytes[bytes.length - 1] !== 0x7d /* } */) return { kind: 'unusable' };
  const body = bytes.subarray(m[0].length, bytes.length - 1);
  if (crcHex(body) !== m[2]) return { kind: 'unusable' };
  try {
    const parsed = JSON.parse(body.toString('utf8')) as SnapshotBody;
    if (parsed.reducer !== HISTORY_REDUCER_VERSION || !Number.isInteger(parsed.reviewCount) || !Array.isArray(parsed.undone) || !Array.isArray(parsed.cards) || typeof parsed.logs !== 'object' || parsed.logs === null) {
      return { kind: 'unusable' };
    }
    const state: HistoryState = { reviewCount: parsed.reviewCount, undone: new Set(parsed.undone), cards: new Map(parsed.cards) };
    return { kind: 'ok', snapshot: { state, logs: parsed.logs } };
  } catch {
    return { kind: 'unusable' };
  }
}
