/**
 * The append-only event log: one file per device, one JSON object per line, each wrapped with a
 * CRC-32 of its exact bytes: `{"crc":"1a2b3c4d","e":{...}}`. A torn last line (a crash mid-write) or
 * a damaged line is detected by its checksum. The first line is a header with the schema version.
 */
import { closeSync, fstatSync, ftruncateSync, fsyncSync, openSync, readSync, writeSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import type { HistoryEvent } from '../core/events.js';
import { CrssError } from '../errors.js';
import { fileError } from './atomic-file.js';

export const LOG_SCHEMA = 1;

export interface LogHeader {
  type: 'header';
  schema: number;
  device: string;
}

const PREFIX = '{"crc":"';
const MIDDLE = '","e":';

export function encodeLine(event: HistoryEvent | LogHeader): string {
  const json = JSON.stringify(event);
  return `${PREFIX}${crc32(json).toString(16).padStart(8, '0')}${MIDDLE}${json}}\n`;
}

/** The event on a line, or undefined when the line is damaged. */
export function decodeLine(line: string): HistoryEvent | LogHeader | undefined {
  if (!line.startsWith(PREFIX) || line.slice(16, 22) !== MIDDLE || !line.endsWith('}')) return undefined;
  const json = line.slice(22, -1);
  if (crc32(json).toString(16).padStart(8, '0') !== line.slice(8, 16)) return undefined;
  try {
    return JSON.parse(json) as HistoryEvent | LogHeader;
  } catch {
    return undefined;
  }
}

export interface LogChunk {
  events: HistoryEvent[];
  /** Offset just after the last complete, valid line read. */
  end: number;
  /** 1-based numbers of damaged complete lines (counted from `firstLine`). */
  damaged: number[];
  /** True when the file ends in an incomplete or damaged last line (a torn write). */
  tornTail: boolean;
  header?: LogHeader;
}

function readBytes(path: string, from: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const buf = Buffer.alloc(Math.max(0, size - from));
    let got = 0;
    while (got < buf.length) {
      const n = readSync(fd, buf, got, buf.length - got, from + got);
      if (n === 0) break;
      got += n;
    }
    return buf.subarray(0, got);
  } finally {
    closeSync(fd);
  }
}

/** Reads a log from `from` (a line start). Throws CrssError for a header from a newer crss. */
export function readLog(path: string, from = 0): LogChunk {
  const buf = readBytes(path, from);
  const chunk: LogChunk = { events: [], end: from, damaged: [], tornTail: false };
  let start = 0;
  let lineNo = 0;
  let lastGoodEnd = from;
  const lines: { text: string; end: number }[] = [];
  for (let nl = buf.indexOf(10, start); nl !== -1; nl = buf.indexOf(10, start)) {
    lines.push({ text: buf.toString('utf8', start, nl), end: from + nl + 1 });
    start = nl + 1;
  }
  const partial = start < buf.length;
  lines.forEach((line, i) => {
    lineNo++;
    const decoded = decodeLine(line.text);
    if (!decoded) {
      // A damaged very last line is a torn write; anywhere else it is damage.
      if (i === lines.length - 1 && !partial) chunk.tornTail = true;
      else chunk.damaged.push(lineNo);
      return;
    }
    if (decoded.type === 'header') {
      if (decoded.schema > LOG_SCHEMA) throw new CrssError(`${path}: written by a newer crss (schema ${decoded.schema}); upgrade crss to read it`);
      chunk.header = decoded;
    } else {
      chunk.events.push(decoded);
    }
    lastGoodEnd = line.end;
  });
  if (partial) chunk.tornTail = true;
  chunk.end = chunk.tornTail ? lastGoodEnd : from + start;
  return chunk;
}

/** Appends events to this device's log, each one on disk (fsync) before append returns. */
export class LogWriter {
  private fd: number;
  private size: number;

  constructor(private readonly path: string, device: string) {
    try {
      this.fd = openSync(path, 'a');
      this.size = fstatSync(this.fd).size;
    } catch (error) {
      throw fileError(error, path, 'open');
    }
    if (this.size === 0) this.write(encodeLine({ type: 'header', schema: LOG_SCHEMA, device }));
  }

  append(event: HistoryEvent): void {
    this.write(encodeLine(event));
  }

  private write(line: string): void {
    const bytes = Buffer.from(line);
    try {
      let done = 0;
      while (done < bytes.length) done += writeSync(this.fd, bytes, done, bytes.length - done);
      fsyncSync(this.fd);
      this.size += bytes.length;
    } catch (error) {
      // Take back a partial line so the log stays whole; the rating was not saved and we say so.
      try {
        ftruncateSync(this.fd, this.size);
        fsyncSync(this.fd);
      } catch {
        // If even that fails, the torn line is cut on the next start.
      }
      throw fileError(error, this.path, 'save to');
    }
  }

  close(): void {
    closeSync(this.fd);
  }
}
