/**
 * Reading and appending one device's event log (line format in log-line.ts). Reading classifies every
 * line: intact, damaged in the middle, or a torn tail (what a crash during an append leaves). Appending
 * writes one whole line and syncs it before returning, at a cost that does not depend on the log's size.
 */
import { closeSync, fdatasyncSync, ftruncateSync, readSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { HistoryEvent } from '../core/events.js';
import { CrssError } from '../errors.js';
import { fsyncDir } from './atomic-file.js';
import { codedError, fileError } from './file-errors.js';
import { openRegular } from './safe-open.js';
import { decodeLine, encodeLine, headerLine, LOG_SCHEMA, type DecodedLine, type LogHeader } from './log-line.js';

export { encodeLine, headerLine, LOG_SCHEMA, type LogHeader } from './log-line.js';

/** Longest header line looked for (a real one is about 70 bytes). */
const HEADER_MAX = 4096;
/** Read logs in pieces of this size, so a 100 MB history never needs a 100 MB buffer. */
const CHUNK_BYTES = 1 << 20;

export function newerSchemaError(path: string, schema: number): CrssError {
  return new CrssError(`${path}: written by a newer crss (schema ${schema}); upgrade crss`);
}

export type LineVerdict = 'intact' | 'damaged' | 'torn';

export interface ScannedLine {
  verdict: LineVerdict;
  decoded: DecodedLine;
  /** The line's bytes without its newline (only valid during the visit call). */
  bytes: Buffer;
  /** 1-based line number in the file. */
  number: number;
  /** Offset just after the line's newline (or after its last byte when torn without one). */
  end: number;
}

/**
 * Visits every line from byte `from` (a line start, `firstLine` its number). A damaged line is only
 * known to be in the middle once another line follows it; a damaged or newline-less last line is `torn`.
 * Throws CrssError for a header written by a newer crss, before anything is visited past it.
 */
export function scanLog(path: string, from: number, firstLine: number, visit: (line: ScannedLine) => void): void {
  const { fd } = openRegular(path, 'read');
  try {
    const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    // The start of a line not yet ended, in pieces: a 50 MB line is joined once, not once per chunk.
    let carry: Buffer[] = [];
    let carryLength = 0;
    let carryStart = from; // file offset of the carry's first byte
    let position = from;
    let number = firstLine;
    let pending: { bytes: Buffer; number: number; end: number; decoded: DecodedLine } | undefined;
    const settle = (line: Omit<ScannedLine, 'verdict'>) => {
      if (pending) {
        visit({ verdict: 'damaged', ...pending });
        pending = undefined;
      }
      if (line.decoded.kind === 'damaged') {
        pending = { ...line, bytes: Buffer.from(line.bytes) };
        return;
      }
      if (line.decoded.kind === 'header' && line.decoded.header.schema > LOG_SCHEMA) throw newerSchemaError(path, line.decoded.header.schema);
      visit({ verdict: 'intact', ...line });
    };
    for (;;) {
      const n = readChunk(fd, chunk, position, path);
      if (n === 0) break;
      position += n;
      const fresh = chunk.subarray(0, n);
      if (carryLength > 0 && fresh.indexOf(10) === -1) {
        carry.push(Buffer.from(fresh));
        carryLength += n;
        continue;
      }
      const buf = carryLength > 0 ? Buffer.concat([...carry, fresh]) : fresh;
      let start = 0;
      for (let nl = buf.indexOf(10, start); nl !== -1; nl = buf.indexOf(10, start)) {
        const bytes = buf.subarray(start, nl);
        settle({ bytes, decoded: decodeLine(bytes), number: number++, end: carryStart + nl + 1 });
        start = nl + 1;
      }
      carry = start < buf.length ? [Buffer.from(buf.subarray(start))] : [];
      carryLength = buf.length - start;
      carryStart += start;
    }
    if (carryLength > 0) {
      // A last line without its newline: an interrupted append (or a file still being synced).
      if (pending) visit({ verdict: 'damaged', ...pending });
      const bytes = Buffer.concat(carry);
      visit({ verdict: 'torn', bytes, decoded: decodeLine(bytes), number, end: carryStart + carryLength });
    } else if (pending) {
      visit({ verdict: 'torn', ...pending });
    }
  } finally {
    closeSync(fd);
  }
}

/** One read of a log; a failure (EIO, a drive gone) names the file instead of leaving a bare stack. */
function readChunk(fd: number, chunk: Buffer, position: number, path: string): number {
  try {
    return readSync(fd, chunk, 0, chunk.length, position);
  } catch (error) {
    throw fileError(error, path, 'read');
  }
}

export interface LogRead {
  events: HistoryEvent[];
  header?: LogHeader;
  /** Offset just after the last line read that is not a torn tail: where the next read starts. */
  end: number;
  /** Lines before `end`, counted from the start of the file. */
  lines: number;
  /** Numbers of damaged lines (not counting a torn last line). */
  damaged: number[];
  /** Numbers of intact lines that hold nothing this crss understands. */
  unknown: number[];
  /** The file ends in a torn line, from `end` on. */
  torn: boolean;
}

/** Reads a log from byte `from`, which must be the start of line `linesBefore + 1`. */
export function readLog(path: string, from = 0, linesBefore = 0): LogRead {
  const read: LogRead = { events: [], end: from, lines: linesBefore, damaged: [], unknown: [], torn: false };
  scanLog(path, from, linesBefore + 1, (line) => {
    if (line.verdict === 'torn') {
      read.torn = true;
      return;
    }
    read.end = line.end;
    read.lines = line.number;
    if (line.verdict === 'damaged') read.damaged.push(line.number);
    else if (line.decoded.kind === 'event') read.events.push(line.decoded.event);
    else if (line.decoded.kind === 'header' && line.number === 1) read.header = line.decoded.header;
    else read.unknown.push(line.number);
  });
  return read;
}

/** What to tell the learner about lines skipped while reading, or undefined when there were none. */
export function skippedLinesWarning(path: string, read: LogRead): string | undefined {
  const parts: string[] = [];
  const list = (numbers: number[]) => (numbers.length > 5 ? `${numbers.slice(0, 5).join(', ')}, ...` : numbers.join(', '));
  if (read.damaged.length > 0) parts.push(`skipped ${read.damaged.length} damaged line${read.damaged.length === 1 ? '' : 's'} (line ${list(read.damaged)})`);
  if (read.unknown.length > 0) parts.push(`skipped ${read.unknown.length} unreadable event${read.unknown.length === 1 ? '' : 's'} (line ${list(read.unknown)})`);
  return parts.length > 0 ? `${path}: ${parts.join('; ')}` : undefined;
}

/** The file-system calls LogWriter makes, replaceable in tests to simulate failures. */
export interface AppendIO {
  writeSync(fd: number, buffer: Buffer): number;
  fdatasyncSync(fd: number): void;
  ftruncateSync(fd: number, length: number): void;
}

const realIO: AppendIO = {
  writeSync: (fd, buffer) => writeSync(fd, buffer, 0, buffer.length),
  fdatasyncSync,
  ftruncateSync,
};

const NOT_SAVED = 'this change was not saved; everything saved before it is intact';

/**
 * Appends to this device's log. The file stays open for the session; each append is one write of the
 * whole line, checked, then synced, so the event is on disk before append() returns.
 */
export class LogWriter {
  private fd: number;
  private bytes = 0;
  private closed = false;

  constructor(
    private readonly path: string,
    device: string,
    private readonly io: AppendIO = realIO,
  ) {
    this.fd = this.open();
    if (this.bytes === 0) {
      this.write(headerLine(device));
      fsyncDir(dirname(path)); // a new file: make its name durable too
    }
  }

  private open(): number {
    try {
      // Never through a link: one planted as our log would have its target overwritten.
      const { fd, stat } = openRegular(this.path, 'append');
      this.bytes = stat.size;
      return fd;
    } catch (error) {
      throw fileError(error, this.path, 'write', 'nothing was changed');
    }
  }

  /**
   * Appends to whatever file is at the path now. A repair renames a rewritten log over the old one;
   * appends through the old descriptor would go to the file kept aside, which is never read again.
   */
  reopen(): void {
    if (this.closed) throw new Error(`reopen of ${this.path} after close`);
    closeSync(this.fd);
    this.fd = this.open();
  }

  /** Size of the log, all of it synced. */
  get size(): number {
    return this.bytes;
  }

  append(event: HistoryEvent): void {
    this.write(encodeLine(event));
  }

  private write(line: string): void {
    if (this.closed) throw new Error(`append to ${this.path} after close`);
    const data = Buffer.from(line);
    try {
      const written = this.io.writeSync(this.fd, data);
      if (written !== data.length) {
        // A regular file writes short only when it cannot take more. Writing the rest either finishes
        // the line or fails with the reason (ENOSPC, EFBIG...), which makes the clearer message.
        const rest = this.io.writeSync(this.fd, data.subarray(written));
        if (written + rest !== data.length) throw codedError('ENOSPC', `wrote ${written + rest} of ${data.length} bytes`);
      }
      this.io.fdatasyncSync(this.fd);
      this.bytes += data.length;
    } catch (error) {
      // Take back a partial line so the log stays whole. If even that fails, the next start cuts it.
      try {
        this.io.ftruncateSync(this.fd, this.bytes);
        this.io.fdatasyncSync(this.fd);
      } catch {
        // see above
      }
      throw fileError(error, this.path, 'write', NOT_SAVED);
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
  }
}

/** Refuses a log whose header says a newer crss wrote it; reads only the first line, and returns the header. */
export function checkLogHeader(path: string): LogHeader | undefined {
  const { fd } = openRegular(path, 'read');
  let first: Buffer;
  try {
    const buf = Buffer.alloc(HEADER_MAX);
    const n = readSync(fd, buf, 0, HEADER_MAX, 0);
    const nl = buf.subarray(0, n).indexOf(10);
    first = buf.subarray(0, nl === -1 ? n : nl);
  } finally {
    closeSync(fd);
  }
  const decoded = decodeLine(first);
  if (decoded.kind !== 'header') return undefined;
  if (decoded.header.schema > LOG_SCHEMA) throw newerSchemaError(path, decoded.header.schema);
  return decoded.header;
}
