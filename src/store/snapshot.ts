/**
 * A derived cache of the reduced history, so that start-up does not replay 200,000 events: the
 * state plus, per log file, how many bytes it covers. It is only a cache: anything wrong with it
 * (damage, a log that shrank or changed) means rebuilding from the logs, which are the truth.
 */
import { readFileSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import type { CardRecord, HistoryState } from '../core/history.js';
import { writeFileAtomic } from './atomic-file.js';

export const SNAPSHOT_SCHEMA = 1;

export interface LogMark {
  /** Bytes of the log covered by the snapshot (always at a line end). */
  offset: number;
  /** CRC of the log's first line, to notice a file replaced by another. */
  header: string;
}

export interface Snapshot {
  state: HistoryState;
  logs: Record<string, LogMark>;
}

interface SnapshotBody {
  reviewCount: number;
  undone: string[];
  cards: [string, CardRecord][];
  logs: Record<string, LogMark>;
}

export function writeSnapshot(path: string, snapshot: Snapshot): void {
  const body: SnapshotBody = {
    reviewCount: snapshot.state.reviewCount,
    undone: [...snapshot.state.undone],
    cards: [...snapshot.state.cards],
    logs: snapshot.logs,
  };
  const json = JSON.stringify(body);
  writeFileAtomic(path, `{"schema":${SNAPSHOT_SCHEMA},"crc":"${crc32(json).toString(16).padStart(8, '0')}","body":${json}}`);
}

export function readSnapshot(path: string): Snapshot | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  const m = /^\{"schema":(\d+),"crc":"([0-9a-f]{8})","body":/.exec(text);
  if (!m || Number(m[1]) !== SNAPSHOT_SCHEMA || !text.endsWith('}')) return undefined;
  const json = text.slice(m[0].length, -1);
  if (crc32(json).toString(16).padStart(8, '0') !== m[2]) return undefined;
  try {
    const body = JSON.parse(json) as SnapshotBody;
    return { state: { reviewCount: body.reviewCount, undone: new Set(body.undone), cards: new Map(body.cards) }, logs: body.logs };
  } catch {
    return undefined;
  }
}
