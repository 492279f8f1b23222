/**
 * One line of an event log: `{"crc":"<8 hex>","e":<event JSON>}` + newline, where crc is the CRC-32 of
 * the exact bytes of the event JSON. A torn or damaged line fails the check. The first line of a log is
 * a header `{"type":"header","schema":1,"device":"..."}` in the same wrapping.
 *
 * Decoding is the boundary where disk bytes become typed events: a line that passes the checksum but
 * does not hold an event of the shape this crss writes is reported, never handed to the core.
 */
import { crcHex } from '../core/crc32.js';
import type { CardSchedule, HistoryEvent } from '../core/events.js';

export const LOG_SCHEMA = 1;

export interface LogHeader {
  type: 'header';
  schema: number;
  device: string;
}

export function encodeLine(entry: HistoryEvent | LogHeader): string {
  const json = JSON.stringify(entry);
  return `{"crc":"${crcHex(json)}","e":${json}}\n`;
}

export function headerLine(device: string): string {
  return encodeLine({ type: 'header', schema: LOG_SCHEMA, device });
}

const PREFIX = Buffer.from('{"crc":"');
const MIDDLE = Buffer.from('","e":');
/** Bytes before the event JSON: `{"crc":"` + 8 hex digits + `","e":`. */
const JSON_START = PREFIX.length + 8 + MIDDLE.length;
const CLOSE_BRACE = 0x7d;

export type DecodedLine =
  | { kind: 'header'; header: LogHeader }
  | { kind: 'event'; event: HistoryEvent }
  /** Intact (the checksum matches) but not an event this crss understands. */
  | { kind: 'unknown' }
  /** Torn or damaged: the checksum does not match or the wrapping is broken. */
  | { kind: 'damaged' };

const CARRIAGE_RETURN = 0x0d;

/** Decodes one line, given without its newline. A `\r` before the newline (a sync tool's CRLF) is allowed. */
export function decodeLine(line: Uint8Array): DecodedLine {
  const length = line.byteLength > 0 && line[line.byteLength - 1] === CARRIAGE_RETURN ? line.byteLength - 1 : line.byteLength;
  const buf = Buffer.from(line.buffer, line.byteOffset, length);
  if (
    buf.length <= JSON_START ||
    buf[buf.length - 1] !== CLOSE_BRACE ||
    !buf.subarray(0, PREFIX.length).equals(PREFIX) ||
    !buf.subarray(PREFIX.length + 8, JSON_START).equals(MIDDLE)
  ) {
    return { kind: 'damaged' };
  }
  const json = buf.subarray(JSON_START, buf.length - 1);
  if (crcHex(json) !== buf.toString('latin1', PREFIX.length, PREFIX.length + 8)) return { kind: 'damaged' };
  let value: unknown;
  try {
    value = JSON.parse(json.toString('utf8'));
  } catch {
    return { kind: 'damaged' };
  }
  if (isObject(value) && value.type === 'header') {
    return Number.isInteger(value.schema) && typeof value.device === 'string' ? { kind: 'header', header: value as unknown as LogHeader } : { kind: 'unknown' };
  }
  return isHistoryEvent(value) ? { kind: 'event', event: value } : { kind: 'unknown' };
}

type Obj = Record<string, unknown>;

function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The form `Date.toISOString()` writes; merging compares these times as strings, so the form matters. */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const isTime = (v: unknown): v is string => typeof v === 'string' && ISO_TIME.test(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isRating = (v: unknown): boolean => v === 1 || v === 2 || v === 3 || v === 4;
const SCHEDULE_STATES = new Set(['new', 'learning', 'review', 'relearning']);

function isSchedule(v: unknown): v is CardSchedule {
  return (
    isObject(v) &&
    isTime(v.due) &&
    isNumber(v.stability) &&
    isNumber(v.difficulty) &&
    isNumber(v.scheduledDays) &&
    isNumber(v.learningSteps) &&
    isNumber(v.reps) &&
    isNumber(v.lapses) &&
    SCHEDULE_STATES.has(v.state as string) &&
    (v.lastReview === undefined || isString(v.lastReview))
  );
}

const isStrings = (v: unknown): boolean => v === undefined || (Array.isArray(v) && v.every(isString));

function isAttempt(v: unknown): boolean {
  if (!isObject(v) || !isTime(v.startedAt) || !Number.isInteger(v.questions) || !isObject(v.filter)) return false;
  const f = v.filter;
  return isStrings(f.topics) && isStrings(f.domains) && isStrings(f.decks) && (f.missed === undefined || f.missed === true) && (f.weak === undefined || f.weak === true);
}

function isHistoryEvent(v: unknown): v is HistoryEvent {
  if (!isObject(v) || !isString(v.id) || !isTime(v.time) || !isString(v.session) || !isString(v.card)) return false;
  if (v.hlc !== undefined && !isTime(v.hlc)) return false;
  switch (v.type) {
    case 'review':
      return isRating(v.rating) && isNumber(v.durationMs) && isString(v.contentHash) && (v.before === null || isSchedule(v.before)) && isSchedule(v.after);
    case 'cram':
      return isRating(v.rating) && isNumber(v.durationMs);
    case 'quiz':
      return (
        (v.chosen === null || isString(v.chosen)) &&
        typeof v.correct === 'boolean' &&
        isNumber(v.durationMs) &&
        (v.quizMode === 'tutor' || v.quizMode === 'exam') &&
        (v.attempt === undefined || isAttempt(v.attempt)) &&
        (v.domain === undefined || isString(v.domain))
      );
    case 'undo':
      return isString(v.target) && (v.restore === undefined || v.restore === null || isSchedule(v.restore));
    case 'suspend':
      return v.reason === 'manual' || v.reason === 'leech';
    case 'bury':
      return isString(v.until) && !Number.isNaN(Date.parse(v.until));
    case 'unsuspend':
    case 'forget':
      return true;
    default:
      return false;
  }
}
