/**
 * Card state derived from the event history (pure: no files, no clock).
 *
 * Several machines write their own logs, and those logs are read in any order (a snapshot may already
 * hold one machine's events when older events of another machine arrive). So applying events must give
 * the same state whatever the order. Each field therefore remembers which event decided it, and the
 * latest event wins, ordered by (stamp, id): the hybrid logical clock stamp of core/clock.ts, so that a
 * machine whose clock runs fast cannot make later changes from another machine lose. Stamps and times
 * are ISO UTC strings as written by `toISOString()` (checked when a log is read), so they compare
 * correctly as strings. Wall times (`time`) still give review times, due dates and FSRS's elapsed days.
 */
import type { KeyList } from '../deck/model.js';
import { mergeKey, orderStamp } from './clock.js';
import type { CardKey, CardSchedule, HistoryEvent, ScheduleState } from './events.js';

/**
 * Bump whenever applyEvent derives anything differently: snapshots made by another reducer are then
 * rebuilt from the logs instead of being trusted.
 */
export const HISTORY_REDUCER_VERSION = 4;

export interface CardRecord {
  schedule: CardSchedule | null;
  /** Content hash from the review that set `schedule`. */
  contentHash?: string;
  suspended: false | 'manual' | 'leech';
  /** ISO time until which the card is hidden. */
  buriedUntil?: string;
  /** Earliest review since the last forget (drives the new-cards-a-day limit). */
  firstReviewTime?: string;
  /** Latest review since the last forget. An undone review still counts: the learner did see the card. */
  lastReviewTime?: string;
  /** Stamp (core/clock.ts) of the latest event of any kind about this card. */
  lastEventTime: string;
  /**
   * Wall time of a quiz answer that was wrong after the last review (by stamp): the card is due for
   * study. The wall time is what study orders due cards by; `quizWrongBy` says which answer it was.
   */
  quizWrongAt?: string;
  /** Merge key (`<stamp> <id>`) of the wrong answer behind `quizWrongAt`, compared with the last review's stamp. */
  quizWrongBy?: string;
  /** Everything about the card up to this stamp was forgotten (`crss prune`/`reset`). */
  forgottenAt?: string;
  /**
   * Ids of every review of this card ever applied, so that the same review read twice (a sync tool's
   * duplicate, a copied or restored log) counts once. Kept with the card: only its record is touched.
   */
  reviewIds?: string[];
  /** Merge keys (`<stamp> <id>`) of the events that decided `schedule`, `suspended` and `buriedUntil`. */
  scheduleBy?: string;
  suspendBy?: string;
  buryBy?: string;
}

/**
 * The few fields of a record that choosing today's cards needs, as numbers. A snapshot (store/snapshot.ts)
 * keeps them in columns, so that a history of 20,000 cards opens without building 20,000 records.
 */
export interface CardBrief {
  /** When the schedule falls due, in ms; NaN without a schedule. */
  due: number;
  state: ScheduleState | null;
  suspended: boolean;
  /** NaN when not buried. */
  buriedUntil: number;
  /** A wrong quiz answer since the last review; NaN when there is none. */
  quizWrongAt: number;
  /** NaN when never reviewed (since the last forget). */
  firstReview: number;
  lastReview: number;
}

const ms = (iso: string | undefined): number => (iso === undefined ? NaN : Date.parse(iso));

/** An empty brief, to be filled by brief(key, into). */
export function newBrief(): CardBrief {
  return { due: NaN, state: null, suspended: false, buriedUntil: NaN, quizWrongAt: NaN, firstReview: NaN, lastReview: NaN };
}

/** The record's brief, written into `into` when given (loops over thousands of cards reuse one). */
export function briefOf(r: CardRecord, into: CardBrief = newBrief()): CardBrief {
  into.due = r.schedule ? Date.parse(r.schedule.due) : NaN;
  into.state = r.schedule ? r.schedule.state : null;
  into.suspended = r.suspended !== false;
  into.buriedUntil = ms(r.buriedUntil);
  into.quizWrongAt = ms(r.quizWrongAt);
  into.firstReview = ms(r.firstReviewTime);
  into.lastReview = ms(r.lastReviewTime);
  return into;
}

/** Adds one card's review times to the counts of countReviewedSince(). */
export function countReview(counts: { first: number; again: number }, firstReview: number, lastReview: number, since: number): void {
  if (firstReview >= since) counts.first++;
  else if (lastReview >= since && firstReview < since) counts.again++;
}

/** A brief's state as a number, in BriefColumns and a snapshot's columns: its index here. */
export const STATE_CODES: readonly (ScheduleState | null)[] = [null, 'new', 'learning', 'review', 'relearning'];

/**
 * The briefs of many cards, one array per field (index i: the i-th card asked about): what a session over
 * 20,000 cards reads, with no object or call per card. `known` is 1 for a card with a record; `state` is
 * an index in STATE_CODES; `suspended` is 0 or 1.
 */
export interface BriefColumns {
  known: Float64Array;
  due: Float64Array;
  state: Float64Array;
  suspended: Float64Array;
  buriedUntil: Float64Array;
  quizWrongAt: Float64Array;
}

/** Keys given as one string and where each ends in it: a history holding them in that order answers at once. */
export interface JoinedKeys {
  text: string;
  ends: ArrayLike<number>;
}

/** Columns for `count` cards, filled one brief at a time. */
export function briefColumnsOf(count: number, briefAt: (i: number, into: CardBrief) => CardBrief | undefined): BriefColumns {
  const columns = unknownBriefColumns(count);
  const into = newBrief();
  for (let i = 0; i < count; i++) setBriefColumns(columns, i, briefAt(i, into));
  return columns;
}

/** Columns for `count` cards without history, as setBriefColumns writes an undefined brief. */
export function unknownBriefColumns(count: number): BriefColumns {
  return {
    known: new Float64Array(count),
    due: new Float64Array(count).fill(NaN),
    state: new Float64Array(count),
    suspended: new Float64Array(count),
    buriedUntil: new Float64Array(count).fill(NaN),
    quizWrongAt: new Float64Array(count).fill(NaN),
  };
}

export function setBriefColumns(columns: BriefColumns, i: number, b: CardBrief | undefined): void {
  columns.known[i] = b ? 1 : 0;
  columns.due[i] = b ? b.due : NaN;
  columns.state[i] = b ? STATE_CODES.indexOf(b.state) : 0;
  columns.suspended[i] = b?.suspended ? 1 : 0;
  columns.buriedUntil[i] = b ? b.buriedUntil : NaN;
  columns.quizWrongAt[i] = b ? b.quizWrongAt : NaN;
}

/** The records of every card with history: a Map, plus briefs. */
export interface CardRecords extends Iterable<[CardKey, CardRecord]> {
  readonly size: number;
  get(key: CardKey): CardRecord | undefined;
  set(key: CardKey, record: CardRecord): unknown;
  has(key: CardKey): boolean;
  keys(): IterableIterator<CardKey>;
  values(): IterableIterator<CardRecord>;
  entries(): IterableIterator<[CardKey, CardRecord]>;
  /**
   * The record's brief, without building the record where it can (a snapshot's columns). Written into
   * `into` when given: a loop over 20,000 cards then allocates nothing.
   */
  brief(key: CardKey, into?: CardBrief): CardBrief | undefined;
  /**
   * Cards reviewed since `since` (ms): `first`, those first reviewed then; `again`, those first reviewed
   * before and reviewed again since.
   */
  countReviewedSince(since: number): { first: number; again: number };
  /** The briefs of these cards; `joined`, the same keys as one string, may let a snapshot answer at once. */
  briefsOf(keys: KeyList, joined?: JoinedKeys): BriefColumns;
}

/** Records held in memory: a history rebuilt from its logs, or built in a test. */
export class RecordMap extends Map<CardKey, CardRecord> implements CardRecords {
  brief(key: CardKey, into?: CardBrief): CardBrief | undefined {
    const r = this.get(key);
    return r && briefOf(r, into);
  }

  countReviewedSince(since: number): { first: number; again: number } {
    const counts = { first: 0, again: 0 };
    for (const r of this.values()) countReview(counts, ms(r.firstReviewTime), ms(r.lastReviewTime), since);
    return counts;
  }

  briefsOf(keys: KeyList): BriefColumns {
    // A learner's first session: no card has history, and there is nothing to look up.
    if (this.size === 0) return unknownBriefColumns(keys.length);
    return briefColumnsOf(keys.length, (i, into) => this.brief(keys.at(i)!, into));
  }
}

export interface HistoryState {
  cards: CardRecords;
  /**
   * Review events that are not undone (quiz and cram answers are not reviews). Counted as reviews
   * seen minus distinct reviews undone, which does not depend on the order undo and target are read in.
   * A forget does not lower it: the reviews happened.
   */
  reviewCount: number;
  /** Ids of events taken back by an undo. */
  undone: Set<string>;
  /** The highest stamp applied ('' for none): a new event's stamp goes above it (core/clock.ts). */
  clock: string;
}

export function emptyHistory(): HistoryState {
  return { cards: new RecordMap(), reviewCount: 0, undone: new Set(), clock: '' };
}

function timeOf(key: string): string {
  return key.slice(0, key.indexOf(' '));
}

function idOf(key: string): string {
  return key.slice(key.indexOf(' ') + 1);
}

function clearQuizWrong(r: CardRecord): void {
  delete r.quizWrongAt;
  delete r.quizWrongBy;
}

function recordFor(state: HistoryState, card: CardKey, stamp: string): CardRecord {
  let r = state.cards.get(card);
  if (!r) {
    r = { schedule: null, suspended: false, lastEventTime: stamp };
    state.cards.set(card, r);
  } else if (stamp > r.lastEventTime) {
    r.lastEventTime = stamp;
  }
  return r;
}

/**
 * Applies one event to `state`, changing it in place (start-up may apply 200,000 events; copying
 * would cost more than the work). The result does not depend on the order events are applied in.
 */
export function applyEvent(state: HistoryState, e: HistoryEvent): void {
  const stamp = orderStamp(e);
  if (stamp > state.clock) state.clock = stamp;
  const r = recordFor(state, e.card, stamp);
  if (e.type === 'review') {
    // Every other effect of an event is the same when applied twice; only the count needs its id.
    const ids = (r.reviewIds ??= []);
    if (ids.includes(e.id)) return;
    ids.push(e.id);
    // Sorted, so that the record does not depend on the order its events were read in.
    if (ids.length > 1 && ids[ids.length - 2]! > e.id) ids.sort();
    state.reviewCount++;
  }
  if (e.type === 'undo' && !state.undone.has(e.target)) {
    state.undone.add(e.target);
    // Only an undo of a review carries `restore` (null for a review of a new card).
    if (e.restore !== undefined) state.reviewCount--;
  }

  if (e.type === 'forget') {
    forget(r, stamp, e.time);
    return;
  }
  if (r.forgottenAt !== undefined && stamp <= r.forgottenAt) return;

  switch (e.type) {
    case 'review': {
      if (r.lastReviewTime === undefined || e.time > r.lastReviewTime) r.lastReviewTime = e.time;
      if (r.firstReviewTime === undefined || e.time < r.firstReviewTime) r.firstReviewTime = e.time;
      const key = mergeKey(e);
      // A review at or after a wrong answer's stamp answers it (stamps, not wall times: see quiz below).
      if (r.quizWrongBy !== undefined && timeOf(r.quizWrongBy) <= stamp) clearQuizWrong(r);
      if (r.scheduleBy === undefined || key > r.scheduleBy) {
        // An undone review stands for what its undo restored: its `before` (the undo's `restore`).
        r.schedule = state.undone.has(e.id) ? e.before : e.after;
        r.contentHash = e.contentHash;
        r.scheduleBy = key;
      }
      return;
    }
    case 'undo':
      // Taking back the review that set the schedule: go back to the schedule before it. The merge
      // key stays the review's, so a later review from another machine still wins.
      if (e.restore !== undefined && r.scheduleBy !== undefined && idOf(r.scheduleBy) === e.target) r.schedule = e.restore;
      return;
    case 'quiz': {
      // Wrong after the last review, by stamp: the review that set the schedule is the one with the
      // highest merge key (scheduleBy), so a review made on a machine whose clock runs behind, after it
      // read this answer, still answers it. An answer from a log before stamps orders by its time.
      if (e.correct) return;
      const key = mergeKey(e);
      if ((r.scheduleBy === undefined || stamp > timeOf(r.scheduleBy)) && (r.quizWrongBy === undefined || key > r.quizWrongBy)) {
        r.quizWrongAt = e.time;
        r.quizWrongBy = key;
      }
      return;
    }
    case 'suspend':
    case 'unsuspend': {
      const key = mergeKey(e);
      if (r.suspendBy === undefined || key > r.suspendBy) {
        r.suspended = e.type === 'suspend' ? e.reason : false;
        r.suspendBy = key;
      }
      return;
    }
    case 'bury': {
      const key = mergeKey(e);
      if (r.buryBy === undefined || key > r.buryBy) {
        r.buriedUntil = e.until;
        r.buryBy = key;
      }
      return;
    }
    case 'cram':
      return;
  }
}

/**
 * Drops what events up to `stamp` decided, keeping what later events (already applied, from another
 * machine's log) decided. Events up to `stamp` that arrive later are ignored through `forgottenAt`.
 * Review times are wall times, so they are compared with the forget's wall time `time`: when clocks
 * disagree around a forget, they are an estimate (like firstReviewTime below).
 */
export function forget(r: CardRecord, stamp: string, time: string): void {
  if (r.forgottenAt !== undefined && stamp <= r.forgottenAt) return;
  r.forgottenAt = stamp;
  if (r.scheduleBy !== undefined && timeOf(r.scheduleBy) <= stamp) {
    r.schedule = null;
    delete r.scheduleBy;
    delete r.contentHash;
  }
  if (r.suspendBy !== undefined && timeOf(r.suspendBy) <= stamp) {
    r.suspended = false;
    delete r.suspendBy;
  }
  if (r.buryBy !== undefined && timeOf(r.buryBy) <= stamp) {
    delete r.buriedUntil;
    delete r.buryBy;
  }
  if (r.quizWrongBy !== undefined && timeOf(r.quizWrongBy) <= stamp) clearQuizWrong(r);
  if (r.lastReviewTime !== undefined && r.lastReviewTime <= time) {
    delete r.lastReviewTime;
    delete r.firstReviewTime;
  } else if (r.firstReviewTime !== undefined && r.firstReviewTime <= time) {
    // Reviews on both sides of a forget, read before it: the first one after it is no longer known.
    // The latest one is the best estimate (this needs a card studied on one machine while another
    // machine forgets it).
    r.firstReviewTime = r.lastReviewTime;
  }
}

export function reduceEvents(events: Iterable<HistoryEvent>): HistoryState {
  const state = emptyHistory();
  for (const e of events) applyEvent(state, e);
  return state;
}

/** Whether nothing about the card happened after its last forget (such a record only remembers the forget). */
export function isForgotten(r: CardRecord): boolean {
  return r.forgottenAt !== undefined && r.lastEventTime <= r.forgottenAt;
}

/** Whether the card should be studied now: not suspended or buried, and due (or wrong in a quiz). */
export function isDue(r: CardRecord, now: Date): boolean {
  const b = briefOf(r);
  if (b.suspended || b.buriedUntil > now.getTime()) return false;
  if (!Number.isNaN(b.quizWrongAt)) return true;
  return b.due <= now.getTime();
}
