/**
 * The order of events across machines: a hybrid logical clock. Each event carries a stamp (an ISO time)
 * above both the wall clock of the machine that wrote it and every stamp that machine had read, so an
 * event made after another machine's event was seen always orders after it, whatever either clock says.
 * Events of logs written before stamps existed order by their wall time. Ties go to the larger event id,
 * which starts with the device id (see events.ts). Wall times stay what FSRS and "today" use.
 */
import type { HistoryEvent } from './events.js';

/** What an event orders by: its stamp, or its wall time in a log from before stamps. */
export function orderStamp(e: Pick<HistoryEvent, 'time' | 'hlc'>): string {
  return e.hlc ?? e.time;
}

/**
 * The merge key of an event, `<stamp> <id>`: the later stamp wins, a tie goes to the larger id (which
 * starts with the device id). Stamps have a fixed length, so keys compare as strings.
 */
export function mergeKey(e: Pick<HistoryEvent, 'time' | 'hlc' | 'id'>): string {
  return `${orderStamp(e)} ${e.id}`;
}

/**
 * The stamp for a new event made at wall time `wall`, when `latest` is the highest stamp read so far
 * ('' for none): the wall time, or one millisecond above `latest` when the wall clock is behind it.
 * Both are ISO times of the same form, so they compare as strings.
 */
export function nextStamp(wall: string, latest: string): string {
  return wall > latest ? wall : new Date(Date.parse(latest) + 1).toISOString();
}
