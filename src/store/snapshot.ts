/**
 * A derived cache of the reduced history, so that opening does not replay 200,000 events: the state
 * plus, per log file, how far into it the state reaches. It is only a cache: anything wrong with it
 * (damage, a log that shrank or was rewritten) means rebuilding from the logs, which are the truth.
 *
 * Opening must not cost much more with 20,000 cards than with 20, so the file is laid out to be used
 * without being read whole (schema 2):
 *   line 1   {"schema":2,"crc":"<crc32 of the head>","body":{"head":<bytes of the head>}}
 *   head     a JSON line: reducer version, review count, undone ids, highest stamp, log marks, and the counts below;
 *            spaces up to a multiple of 8 bytes from the head's start; then, in this machine's byte order
 *            (a snapshot is only read where it was written):
 *            - 8 float64 columns, each all the cards' values of one field in row order: due, state,
 *              suspended, buried until, wrong in a quiz at, first and last review (times in ms, NaN for
 *              none), where the card's record line starts;
 *            - the key table (KeyTable): int32 hash slots, int32 key ends, the keys' UTF-8 bytes
 *   records  one line per card, `<crc32> <CardRecord as JSON>`, read and parsed only when used
 * Opening reads line 1 and the head (for 20,000 cards about 1.8 MB of a 10.5 MB file) and parses only
 * its JSON line, which does not grow with the cards. The columns answer
 * what choosing today's cards asks (CardBrief); a record is read when its card is shown, rated or counted
 * in full (stats). Writing copies the lines of records never parsed.
 * Schema 1 (one JSON document) is recognised as old and rebuilt from the logs.
 */
import { isAscii } from 'node:buffer';
import { closeSync, fstatSync, openSync, readSync, renameSync } from 'node:fs';
import { openRegular } from './safe-open.js';
import type { CardKey } from '../core/events.js';
import { briefColumnsOf, briefOf, countReview, HISTORY_REDUCER_VERSION, newBrief, setBriefColumns, STATE_CODES, type BriefColumns, type JoinedKeys, type CardBrief, type CardRecord, type CardRecords, type HistoryState } from '../core/history.js';
import type { KeyList } from '../deck/model.js';
import { CrssError } from '../errors.js';
import { writeFileAtomic } from './atomic-file.js';
import { errorCode } from './file-errors.js';
import { crcHex } from '../core/crc32.js';

export const SNAPSHOT_SCHEMA = 2;

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

interface SnapshotMeta {
  /** The reducer that derived this state; another one means rebuilding from the logs. */
  reducer: number;
  reviewCount: number;
  undone: string[];
  /** The history's highest stamp (HistoryState.clock). */
  clock: string;
  logs: Record<string, LogMark>;
  /** Cards (rows). */
  cards: number;
  /** How the columns are laid out: each field's values together ("fields"). */
  columns: 'fields';
  /** Slots in the key table. */
  slots: number;
  /** Bytes of all keys, UTF-8, one after another. */
  keyBytes: number;
  /** Bytes of all record lines: the file's size is fixed by it, so a cut file is found at open. */
  recordBytes: number;
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
    // Gone, or unreadable now (a log of another machine it cannot read is left out with a warning):
    // either way the snapshot no longer stands for it.
    if (errorCode(error) !== undefined) return false;
    throw error;
  }
}

const COLUMNS = 8;
const enum Col {
  due,
  state,
  suspended,
  buriedUntil,
  quizWrongAt,
  firstReview,
  lastReview,
  lineStart,
}

/**
 * The records of a snapshot: briefs straight from the columns, records parsed from their lines when
 * first asked for. Records set since (events applied after opening) live in memory, as in a Map.
 */
export class SnapshotRecords implements CardRecords {
  /** The row after the last one looked up: callers walk decks in order, and rows mostly follow it. */
  private nextRow = 0;
  /** Records parsed from their lines or set since opening. */
  private readonly live = new Map<CardKey, CardRecord>();
  /** Rows whose record is in `live`: their columns may be out of date. */
  private readonly parsed: Uint8Array;
  /** Keys set since opening that have no row. */
  private readonly added = new Set<CardKey>();
  private closed = false;

  private readonly rows: number;

  /** `fd` stays open until close(): a newer snapshot renamed over the path does not change what it reads. */
  constructor(
    private readonly keyTable: KeyTable,
    private readonly columns: Float64Array,
    private readonly fd: number,
    private readonly fileSize: number,
    private readonly path: string,
  ) {
    this.rows = keyTable.size;
    this.parsed = new Uint8Array(this.rows);
  }

  get size(): number {
    return this.rows + this.added.size;
  }

  has(key: CardKey): boolean {
    return this.rowOf(key) !== undefined || this.added.has(key);
  }

  get(key: CardKey): CardRecord | undefined {
    const row = this.rowOf(key);
    if (row === undefined || this.parsed[row] === 1) return this.live.get(key);
    const record = this.parse(row, this.readRows(row, row + 1));
    this.keep(row, key, record);
    return record;
  }

  set(key: CardKey, record: CardRecord): this {
    const row = this.rowOf(key);
    if (row !== undefined) this.keep(row, key, record);
    else {
      this.added.add(key);
      this.live.set(key, record);
    }
    return this;
  }

  brief(key: CardKey, into: CardBrief = newBrief()): CardBrief | undefined {
    const row = this.rowOf(key);
    if (row !== undefined && this.parsed[row] === 0) return this.briefAt(row, into);
    const record = this.live.get(key);
    return record && briefOf(record, into);
  }

  countReviewedSince(since: number): { first: number; again: number } {
    const counts = { first: 0, again: 0 };
    // Columns in locals: this loop over every row runs once, mostly before V8 optimizes it.
    const rows = this.rows;
    const parsed = this.parsed;
    const firsts = this.columns.subarray(Col.firstReview * rows, (Col.firstReview + 1) * rows);
    const lasts = this.columns.subarray(Col.lastReview * rows, (Col.lastReview + 1) * rows);
    for (let row = 0; row < rows; row++) if (parsed[row] === 0) countReview(counts, firsts[row]!, lasts[row]!, since);
    // Everything in `live` is a parsed row (skipped above) or a key added since opening.
    const brief = newBrief();
    for (const record of this.live.values()) {
      briefOf(record, brief);
      countReview(counts, brief.firstReview, brief.lastReview, since);
    }
    return counts;
  }

  briefsOf(keys: KeyList, joined?: JoinedKeys): BriefColumns {
    const n = keys.length;
    const start = joined && n > 0 ? this.rowOf(keys.at(0)!) : undefined;
    if (start === undefined || start + n > this.rows || !this.keyTable.holdsRun(start, joined!)) {
      return briefColumnsOf(n, (i, into) => this.brief(keys.at(i)!, into));
    }
    // The keys are rows start..start+n-1, in order: the answer is the columns as they lie.
    const c = this.columns;
    const field = (f: Col) => c.subarray(f * this.rows + start, f * this.rows + start + n);
    const out: BriefColumns = {
      known: new Float64Array(n).fill(1),
      due: field(Col.due),
      state: field(Col.state),
      suspended: field(Col.suspended),
      buriedUntil: field(Col.buriedUntil),
      quizWrongAt: field(Col.quizWrongAt),
    };
    if (this.live.size > this.added.size) {
      // Some rows were read and may have changed since: copy, then put their current briefs in.
      for (const f of ['due', 'state', 'suspended', 'buriedUntil', 'quizWrongAt'] as const) out[f] = out[f].slice();
      const into = newBrief();
      for (let i = 0; i < n; i++) if (this.parsed[start + i] === 1) setBriefColumns(out, i, briefOf(this.live.get(keys.at(i)!)!, into));
    }
    return out;
  }

  *keys(): IterableIterator<CardKey> {
    for (let row = 0; row < this.rows; row++) yield this.keyTable.keyAt(row);
    yield* this.added;
  }

  *values(): IterableIterator<CardRecord> {
    for (const [, record] of this.entries()) yield record;
  }

  *entries(): IterableIterator<[CardKey, CardRecord]> {
    // Read in one go: stats and prune visit every record.
    const all = this.rows > 0 ? this.readRows(0, this.rows) : Buffer.alloc(0);
    const base = this.rows > 0 ? this.start(0) : 0;
    for (let row = 0; row < this.rows; row++) {
      const key = this.keyTable.keyAt(row);
      if (this.parsed[row] === 0) this.keep(row, key, this.parse(row, all.subarray(this.start(row) - base, this.end(row) - base)));
      yield [key, this.live.get(key)!];
    }
    for (const key of this.added) yield [key, this.live.get(key)!];
  }

  [Symbol.iterator](): IterableIterator<[CardKey, CardRecord]> {
    return this.entries();
  }

  /** Every record line never parsed (and so unchanged), by key, read in one go: for writing the next snapshot. */
  untouchedLines(): Map<CardKey, Buffer> {
    const out = new Map<CardKey, Buffer>();
    if (this.rows === 0) return out;
    const all = this.readRows(0, this.rows);
    const base = this.start(0);
    for (let row = 0; row < this.rows; row++) {
      if (this.parsed[row] === 0) out.set(this.keyTable.keyAt(row), all.subarray(this.start(row) - base, this.end(row) - base));
    }
    return out;
  }

  /** Closes the file; records not yet read can no longer be. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
  }

  private rowOf(key: CardKey): number | undefined {
    const guess = this.nextRow;
    if (guess < this.rows && this.keyTable.matches(guess, key)) {
      this.nextRow = guess + 1;
      return guess;
    }
    const row = this.keyTable.find(key);
    if (row !== undefined) this.nextRow = row + 1;
    return row;
  }

  private keep(row: number, key: CardKey, record: CardRecord): void {
    this.parsed[row] = 1;
    this.live.set(key, record);
  }

  private start(row: number): number {
    return this.columns[Col.lineStart * this.rows + row]!;
  }

  /** Where the row's line ends, its newline included. */
  private end(row: number): number {
    return row + 1 < this.rows ? this.start(row + 1) : this.fileSize;
  }

  private readRows(from: number, to: number): Buffer {
    if (this.closed) throw new Error('snapshot records read after the store was closed');
    const start = this.start(from);
    const buf = Buffer.allocUnsafe(this.end(to - 1) - start);
    const n = readSync(this.fd, buf, 0, buf.length, start);
    return buf.subarray(0, n);
  }

  /** One record from its line (`<crc> <json>\n`), checked against its checksum. */
  private parse(row: number, line: Buffer): CardRecord {
    const json = line.subarray(9, line.length - 1);
    if (line.length < 11 || line[8] !== 0x20 || line[line.length - 1] !== 10 || crcHex(json) !== line.toString('latin1', 0, 8)) {
      throw this.damaged(row);
    }
    try {
      return JSON.parse(json.toString('utf8')) as CardRecord;
    } catch {
      throw this.damaged(row);
    }
  }

  /** A record line that fails its check: the file is moved aside so the next run rebuilds it from the logs. */
  private damaged(row: number): CrssError {
    const aside = `${this.path}.damaged`;
    let moved = '';
    try {
      renameSync(this.path, aside);
      moved = `; it was moved to ${aside}`;
    } catch {
      // Already replaced or moved: the next run reads whatever is there now.
    }
    return new CrssError(`${this.path}: the saved state of card ${this.keyTable.keyAt(row)} is damaged${moved}. Run crss again: it rebuilds the state from your history, which is intact.`);
  }

  private briefAt(row: number, into: CardBrief): CardBrief {
    const c = this.columns;
    const n = this.rows;
    into.due = c[Col.due * n + row]!;
    into.state = STATE_CODES[c[Col.state * n + row]!]!;
    into.suspended = c[Col.suspended * n + row] === 1;
    into.buriedUntil = c[Col.buriedUntil * n + row]!;
    into.quizWrongAt = c[Col.quizWrongAt * n + row]!;
    into.firstReview = c[Col.firstReview * n + row]!;
    into.lastReview = c[Col.lastReview * n + row]!;
    return into;
  }
}

/** FNV-1a over UTF-16 code units: a key's place in the slots. */
function keyHash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** At most three quarters full. */
function slotsFor(keys: number): number {
  let size = 16;
  while (size * 3 < keys * 4) size *= 2;
  return size;
}

/**
 * The snapshot's card keys, as they lie in its head: UTF-8 one after another, where each ends, and a hash
 * table of slots (open addressing, linear probing; a slot holds row + 1, 0 when empty). Nothing is
 * parsed at open, and no string is made per key: when the keys are ASCII (as deck and card ids are) a
 * key is compared in place with startsWith() on one string of them all. 20,000 key strings made at
 * every start cost more, mostly in garbage collection, than the lookups.
 */
export class KeyTable {
  /** All the keys as one string, when they are ASCII (latin1 is then UTF-8); else undefined. */
  private readonly text: string | undefined;

  constructor(
    private readonly bytes: Buffer,
    private readonly ends: Int32Array,
    private readonly slots: Int32Array,
  ) {
    if (isAscii(bytes)) this.text = bytes.toString('latin1');
  }

  static encode(keys: CardKey[]): { bytes: Buffer; ends: Int32Array; slots: Int32Array } {
    const parts = keys.map((k) => Buffer.from(k));
    const ends = new Int32Array(keys.length);
    parts.reduce((at, part, row) => (ends[row] = at + part.length), 0);
    const size = slotsFor(keys.length);
    const slots = new Int32Array(size);
    keys.forEach((key, row) => {
      let i = keyHash(key) & (size - 1);
      while (slots[i] !== 0) i = (i + 1) & (size - 1);
      slots[i] = row + 1;
    });
    return { bytes: Buffer.concat(parts), ends, slots };
  }

  get size(): number {
    return this.ends.length;
  }

  keyAt(row: number): CardKey {
    const start = row === 0 ? 0 : this.ends[row - 1]!;
    return this.text !== undefined ? this.text.substring(start, this.ends[row]!) : this.bytes.toString('utf8', start, this.ends[row]!);
  }

  find(key: CardKey): number | undefined {
    const mask = this.slots.length - 1;
    for (let i = keyHash(key) & mask; this.slots[i] !== 0; i = (i + 1) & mask) {
      const row = this.slots[i]! - 1;
      if (this.matches(row, key)) return row;
    }
    return undefined;
  }

  /** Whether rows start.. hold exactly the joined keys, in order (compared in one go, ASCII keys only). */
  holdsRun(start: number, joined: JoinedKeys): boolean {
    const n = joined.ends.length;
    if (this.text === undefined || start + n > this.ends.length) return false;
    const base = start === 0 ? 0 : this.ends[start - 1]!;
    if (this.ends[start + n - 1]! - base !== joined.text.length) return false;
    for (let i = 0; i < n; i++) if (this.ends[start + i]! - base !== joined.ends[i]) return false;
    return this.text.startsWith(joined.text, base);
  }

  matches(row: number, key: CardKey): boolean {
    const start = row === 0 ? 0 : this.ends[row - 1]!;
    if (this.text !== undefined) return this.ends[row]! - start === key.length && this.text.startsWith(key, start);
    return this.keyAt(row) === key;
  }
}

const HEAD_LINE = (crc: string, head: number) => `{"schema":${SNAPSHOT_SCHEMA},"crc":"${crc}","body":{"head":${head}}}\n`;

export function encodeSnapshot(snapshot: Snapshot): Buffer {
  const records = snapshot.state.cards;
  const keys = [...records.keys()];
  const meta: SnapshotMeta = {
    reducer: HISTORY_REDUCER_VERSION,
    reviewCount: snapshot.state.reviewCount,
    undone: [...snapshot.state.undone],
    clock: snapshot.state.clock,
    logs: snapshot.logs,
    cards: keys.length,
    columns: 'fields',
    slots: slotsFor(keys.length),
    keyBytes: 0,
    recordBytes: 0,
  };
  const table = KeyTable.encode(keys);
  meta.keyBytes = table.bytes.length;
  const untouched = records instanceof SnapshotRecords ? records.untouchedLines() : new Map<CardKey, Buffer>();
  const lines: Buffer[] = [];
  const columns = new Float64Array(keys.length * COLUMNS);
  const brief = newBrief();
  keys.forEach((key, row) => {
    let line = untouched.get(key);
    if (!line) {
      const json = JSON.stringify(records.get(key));
      line = Buffer.from(`${crcHex(json)} ${json}\n`);
    }
    lines.push(line);
    const b = records.brief(key, brief)!;
    const n = keys.length;
    columns[Col.due * n + row] = b.due;
    columns[Col.state * n + row] = STATE_CODES.indexOf(b.state);
    columns[Col.suspended * n + row] = b.suspended ? 1 : 0;
    columns[Col.buriedUntil * n + row] = b.buriedUntil;
    columns[Col.quizWrongAt * n + row] = b.quizWrongAt;
    columns[Col.firstReview * n + row] = b.firstReview;
    columns[Col.lastReview * n + row] = b.lastReview;
  });
  meta.recordBytes = lines.reduce((sum, line) => sum + line.length, 0);
  const metaLine = Buffer.from(`${JSON.stringify(meta)}\n`);
  // Spaces after the JSON line put the columns at a multiple of 8 bytes from the head's start, where a
  // Float64Array can view them in the buffer the head is read into.
  const padding = Buffer.alloc((8 - (metaLine.length % 8)) % 8, 0x20);
  const head = metaLine.length + padding.length + columns.byteLength + table.slots.byteLength + table.ends.byteLength + table.bytes.length;
  const lineOne = HEAD_LINE('00000000', head);
  let at = lineOne.length + head;
  lines.forEach((line, row) => {
    columns[Col.lineStart * keys.length + row] = at;
    at += line.length;
  });
  const headBytes = Buffer.concat([metaLine, padding, Buffer.from(columns.buffer), Buffer.from(table.slots.buffer), Buffer.from(table.ends.buffer), table.bytes]);
  return Buffer.concat([Buffer.from(HEAD_LINE(crcHex(headBytes), head)), headBytes, ...lines]);
}

export function writeSnapshot(path: string, snapshot: Snapshot): void {
  writeFileAtomic(path, encodeSnapshot(snapshot));
}

const LINE_ONE = /^\{"schema":(\d+),"crc":"([0-9a-f]{8})","body":(?:\{"head":(\d+)\}\}\n)?/;

/** Reads line 1 and the head; the records stay on disk, read through the open file when used. */
export function readSnapshot(path: string): SnapshotRead {
  let fd: number;
  try {
    // A link or a FIFO in its place is not a snapshot crss wrote: unusable, and never waited on.
    fd = openRegular(path, 'read').fd;
  } catch {
    return { kind: 'unusable' };
  }
  let keep = false;
  try {
    const size = fstatSync(fd).size;
    const first = readFrom(fd, 0, Math.min(size, 128));
    const m = LINE_ONE.exec(first.toString('latin1'));
    if (!m) return { kind: 'unusable' };
    const schema = Number(m[1]);
    if (schema > SNAPSHOT_SCHEMA) return { kind: 'newer', schema };
    if (schema !== SNAPSHOT_SCHEMA || m[3] === undefined) return { kind: 'unusable' };
    const headAt = m[0].length;
    const headBytes = Number(m[3]);
    if (headAt + headBytes > size) return { kind: 'unusable' };
    const head = readFrom(fd, headAt, headBytes);
    if (head.length !== headBytes || crcHex(head) !== m[2]) return { kind: 'unusable' };
    const metaEnd = head.indexOf(10);
    const meta = JSON.parse(head.toString('utf8', 0, metaEnd)) as SnapshotMeta;
    const { cards: rows, slots: slotCount, keyBytes } = meta;
    if (meta.reducer !== HISTORY_REDUCER_VERSION || !Number.isInteger(meta.reviewCount) || !Array.isArray(meta.undone) || typeof meta.clock !== 'string' || typeof meta.logs !== 'object' || meta.logs === null) {
      return { kind: 'unusable' };
    }
    // Where each part lies is fixed by the counts: any disagreement means this is not a head we wrote.
    const columnsAt = Math.ceil((metaEnd + 1) / 8) * 8;
    const slotsAt = columnsAt + rows * COLUMNS * 8;
    const endsAt = slotsAt + slotCount * 4;
    const keysAt = endsAt + rows * 4;
    if (meta.columns !== 'fields' || !Number.isInteger(rows) || slotCount !== slotsFor(rows) || !Number.isInteger(keyBytes) || keysAt + keyBytes !== headBytes) return { kind: 'unusable' };
    // Records are read only when used: a file cut short (or grown) would otherwise be found by the next
    // `stats`, as a damaged record, instead of being rebuilt now.
    if (!Number.isInteger(meta.recordBytes) || headAt + headBytes + meta.recordBytes !== size) return { kind: 'unusable' };
    // The head was read into memory of its own, and the JSON line padded, so the views are aligned.
    const at = (offset: number) => head.byteOffset + offset;
    const columns = new Float64Array(head.buffer, at(columnsAt), rows * COLUMNS);
    const keys = new KeyTable(head.subarray(keysAt), new Int32Array(head.buffer, at(endsAt), rows), new Int32Array(head.buffer, at(slotsAt), slotCount));
    const cards = new SnapshotRecords(keys, columns, fd, size, path);
    keep = true;
    return { kind: 'ok', snapshot: { state: { reviewCount: meta.reviewCount, undone: new Set(meta.undone), clock: meta.clock, cards }, logs: meta.logs } };
  } catch {
    return { kind: 'unusable' };
  } finally {
    if (!keep) closeSync(fd);
  }
}

function readFrom(fd: number, position: number, length: number): Buffer {
  // Its own memory (not Node's shared pool), so that a Float64Array view of it is aligned.
  const buf = Buffer.from(new ArrayBuffer(length));
  return buf.subarray(0, readSync(fd, buf, 0, length, position));
}
