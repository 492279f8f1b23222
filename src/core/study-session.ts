/**
 * A study session as a pure state machine: which card comes next, what a rating, undo, suspend or
 * bury turns into (events for the history), and the running counts. The shell appends the events
 * durably before it asks for the next card. Time comes in as `now`; nothing here reads the clock.
 */
import type { Card } from '../deck/model.js';
import type { Selection } from './catalog.js';
import { addDays, startOfDay } from './day.js';
import type { CardKey, CardSchedule, HistoryEvent, Rating } from './events.js';
import { STATE_CODES, type CardRecords } from './history.js';
import type { Scheduler } from '../scheduler/fsrs.js';

/**
 * The `until` of a burial taken back: a time before any clock's now. ("Until now" would keep the card
 * hidden on a machine whose clock runs behind this one's.)
 */
export const NOT_BURIED = '1970-01-01T00:00:00.000Z';

/** Lapses at which a card becomes a leech and is suspended (Anki's default). */
export const LEECH_LAPSES = 8;
/** Learning cards due within this window are shown early when nothing else is left (Anki's default). */
export const LEARN_AHEAD_MS = 20 * 60_000;

export type QueueKind = 'new' | 'learning' | 'review';

/** What the session reads of the history: every card's brief, and whole records for the cards it shows. */
export type SessionHistory = Pick<CardRecords, 'briefsOf' | 'get'>;

export interface SessionOptions {
  now: Date;
  /** New cards still allowed today (the daily limit minus those already introduced today). */
  newLeft: number;
  /** Reviews still allowed today. */
  reviewsLeft: number;
  /** Cram: every selected card, weakest first; ratings do not change schedules. */
  cram: boolean;
  /** Gives each event its id (device, session and a sequence number). */
  nextEventId: () => string;
  session: string;
  /** Hash of a card's text, stored with its reviews. */
  contentHash: (card: Card) => string;
}

export interface Current {
  card: Card;
  kind: QueueKind;
  schedule: CardSchedule | null;
  /** 1-based position of this card in the session. */
  position: number;
  /** Cards shown so far plus cards left: grows when a card comes back. */
  total: number;
}

interface Queues {
  reviews: CardKey[];
  fresh: CardKey[];
  learning: { key: CardKey; due: number }[];
}

interface UndoEntry {
  queues: Queues;
  shown: number;
  current: { key: CardKey; kind: QueueKind };
  schedule: CardSchedule | null;
  events: HistoryEvent[];
  stats: SessionStats;
}

export interface SessionStats {
  reviewed: number;
  again: number;
  leeches: CardKey[];
  suspended: number;
  buried: number;
}

export type RatingOutcome = { events: HistoryEvent[]; leech: boolean };

/**
 * Of the cards at `positions` (ascending), due at `dues` (same order), the positions of the `k` due
 * first, in order of due time, ties in position order: what a stable sort then keeping the first `k`
 * gives, without sorting 20,000 reviews to keep 200.
 */
export function earliest(positions: Int32Array, dues: Float64Array, k: number): number[] {
  const n = positions.length;
  let kept: { at: number; due: number }[] = [];
  if (k <= 0) return [];
  if (n <= k) {
    for (let i = 0; i < n; i++) kept.push({ at: positions[i]!, due: dues[i]! });
  } else {
    const cutoff = kthSmallest(dues.slice(), k - 1);
    const ties: { at: number; due: number }[] = [];
    for (let i = 0; i < n; i++) {
      const due = dues[i]!;
      if (due < cutoff) kept.push({ at: positions[i]!, due });
      else if (due === cutoff) ties.push({ at: positions[i]!, due });
    }
    kept = kept.concat(ties.slice(0, k - kept.length));
  }
  return kept.sort((a, b) => a.due - b.due || a.at - b.at).map((e) => e.at);
}

/** The value that would be at index `k` if `values` were sorted (Hoare's selection; reorders `values`). */
function kthSmallest(values: Float64Array, k: number): number {
  let lo = 0;
  let hi = values.length - 1;
  while (lo < hi) {
    const pivot = values[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        const t = values[i]!;
        values[i++] = values[j]!;
        values[j--] = t;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return values[k]!;
}

export class StudySession {
  /** The cards in the queues (a selection may hold thousands; only these are ever shown). */
  private readonly cards = new Map<CardKey, Card>();
  /** Per selected card, when it falls due (NaN: no schedule, or suspended), kept current for nextDue(). */
  private readonly dueAt: Float64Array;
  /** Where each queued card is in the selection (only queued cards can change). */
  private readonly positions = new Map<CardKey, number>();
  /** Cards suspended in this session; an undo takes a suspension back. */
  private readonly suspendedHere = new Set<CardKey>();
  /** Schedules read from the history or changed by this session. */
  private readonly schedules = new Map<CardKey, CardSchedule | null>();
  private queues: Queues = { reviews: [], fresh: [], learning: [] };
  private shown = 0;
  private current: { key: CardKey; kind: QueueKind } | null = null;
  private undoStack: UndoEntry[] = [];
  /** Selected cards answered wrong in a quiz and not reviewed since (a review, even undone, clears it, as in the history). */
  private readonly missed = new Set<CardKey>();
  private heldBack = 0;
  stats: SessionStats = { reviewed: 0, again: 0, leeches: [], suspended: 0, buried: 0 };

  constructor(
    selection: Selection,
    private readonly history: SessionHistory,
    private readonly scheduler: Scheduler,
    private readonly options: SessionOptions,
  ) {
    const now = options.now.getTime();
    const endOfToday = addDays(startOfDay(options.now), 1).getTime();
    // Positions in the selection, in typed arrays: a selection may hold 20,000 cards.
    const keys = selection.keys;
    const due = new Int32Array(keys.length);
    const dueTimes = new Float64Array(keys.length);
    let dueCount = 0;
    const fresh: number[] = [];
    const cram: { at: number; r: number }[] = [];
    const keep = (at: number) => {
      const card = selection.card(at);
      this.cards.set(card.key, card);
      this.positions.set(card.key, at);
      return card.key;
    };
    const learning = (at: number, due: number) => this.queues.learning.push({ key: keep(at), due });
    const dueAtOf = (this.dueAt = new Float64Array(keys.length));
    // Every column in a local: this loop over every selected card runs once, mostly before V8 optimizes it.
    const { known, state: states, due: dues, suspended: suspendedOf, buriedUntil, quizWrongAt } = history.briefsOf(keys, selection.joined);
    const cramming = options.cram;
    for (let at = 0; at < keys.length; at++) {
      const state = STATE_CODES[states[at]!] ?? null;
      const dueAt = dues[at]!;
      const suspended = suspendedOf[at] === 1;
      dueAtOf[at] = known[at] === 1 && !suspended && state !== null ? dueAt : NaN;
      if (suspended || buriedUntil[at]! > now) continue;
      if (cramming) {
        cram.push({ at, r: scheduler.retrievability(known[at] === 1 ? this.scheduleOf(keys.at(at)!) : null, options.now) });
        continue;
      }
      // A wrong quiz answer since the last review makes the card due whatever its state, a card never
      // studied included, and outside the new-card limit: the learner has just shown it is not known.
      const wrongAt = quizWrongAt[at]!;
      const quizWrong = !Number.isNaN(wrongAt);
      if (quizWrong) this.missed.add(keys.at(at)!);
      if (quizWrong && (state === null || state === 'new')) {
        due[dueCount] = at;
        dueTimes[dueCount++] = wrongAt;
        continue;
      }
      if (state === null || state === 'new') {
        fresh.push(at);
        continue;
      }
      if (quizWrong || dueAt <= now) {
        if (state === 'review' || quizWrong) {
          due[dueCount] = at;
          dueTimes[dueCount++] = dueAt;
        } else learning(at, dueAt);
      } else if (state !== 'review' && dueAt < endOfToday) {
        learning(at, dueAt);
      }
    }
    // Only the cards that made it into the queues are kept.
    const queued = options.cram
      ? cram.sort((a, b) => a.r - b.r).map((c) => c.at) // weakest first; stable, so ties keep deck order
      : earliest(due.subarray(0, dueCount), dueTimes.subarray(0, dueCount), options.reviewsLeft);
    this.queues.reviews = queued.map(keep);
    this.queues.fresh = options.cram ? [] : fresh.slice(0, Math.max(0, options.newLeft)).map(keep);
    this.heldBack = options.cram ? 0 : fresh.length - this.queues.fresh.length;
    this.queues.learning.sort((a, b) => a.due - b.due);
  }

  /** The earliest time after `now` at which a selected card falls due, as this session left them. */
  nextDue(now: Date): Date | undefined {
    const t = now.getTime();
    let best = Infinity;
    // An indexed loop: for-of over 20,000 entries, run once, costs about a millisecond more.
    const dueAt = this.dueAt;
    for (let i = 0; i < dueAt.length; i++) {
      const due = dueAt[i]!;
      if (due > t && due < best) best = due;
    }
    return best === Infinity ? undefined : new Date(best);
  }

  /** Brings a card's entry in `dueAt` up to date after the session changed it. */
  private refreshDue(key: CardKey): void {
    const at = this.positions.get(key);
    if (at === undefined) return;
    const schedule = this.scheduleOf(key);
    this.dueAt[at] = schedule && !this.suspendedHere.has(key) ? Date.parse(schedule.due) : NaN;
  }

  /** A card's schedule as this session knows it: from the history until the session changes it. */
  private scheduleOf(key: CardKey): CardSchedule | null {
    let schedule = this.schedules.get(key);
    if (schedule === undefined) {
      schedule = this.history.get(key)?.schedule ?? null;
      this.schedules.set(key, schedule);
    }
    return schedule;
  }

  /** Cards left, by queue (not counting the current card). */
  counts(): Record<QueueKind, number> {
    return { new: this.queues.fresh.length, learning: this.queues.learning.length, review: this.queues.reviews.length };
  }

  /** Picks the next card, or null when the session is over. */
  next(now: Date): Current | null {
    if (this.current) return this.describe();
    const t = now.getTime();
    const learning = this.queues.learning[0];
    let pick: { key: CardKey; kind: QueueKind } | undefined;
    if (learning && learning.due <= t) pick = { key: this.queues.learning.shift()!.key, kind: 'learning' };
    else if (this.queues.reviews.length > 0) {
      // The due queue also holds missed quiz questions (a new card among them) and, in cram, any card.
      const key = this.queues.reviews.shift()!;
      pick = { key, kind: this.kindOf(this.scheduleOf(key)) };
    }
    else if (this.queues.fresh.length > 0) pick = { key: this.queues.fresh.shift()!, kind: 'new' };
    else if (learning && learning.due <= t + LEARN_AHEAD_MS) pick = { key: this.queues.learning.shift()!.key, kind: 'learning' };
    if (!pick) return null;
    this.current = pick;
    this.shown++;
    return this.describe();
  }

  /** Missed quiz questions among the selected cards that still wait for a review. */
  missedWaiting(): number {
    return this.missed.size;
  }

  /** How many cards the session has shown. */
  shownCount(): number {
    return this.shown;
  }

  /** Learning cards that fall due later today, after the session ends. */
  laterToday(): number {
    return this.queues.learning.length;
  }

  /** The schedule each rating would give the current card, for the key labels. */
  preview(now: Date): Record<Rating, CardSchedule> | null {
    if (!this.current || this.options.cram) return null;
    return this.scheduler.preview(this.scheduleOf(this.current.key), now);
  }

  rate(rating: Rating, now: Date, durationMs: number): RatingOutcome {
    const cur = this.requireCurrent();
    const card = this.cards.get(cur.key)!;
    const before = this.scheduleOf(cur.key);
    const entry = this.snapshot(cur, before);
    const base = { id: this.options.nextEventId(), time: now.toISOString(), session: this.options.session, card: cur.key, rating, durationMs };
    const events: HistoryEvent[] = [];
    let leech = false;
    if (this.options.cram) {
      events.push({ type: 'cram', ...base });
      if (rating === 1) this.queues.reviews.push(cur.key);
    } else {
      const after = this.scheduler.rate(before, now, rating);
      events.push({ type: 'review', ...base, contentHash: this.options.contentHash(card), before, after });
      this.missed.delete(cur.key);
      this.schedules.set(cur.key, after);
      if (after.lapses >= LEECH_LAPSES && (before?.lapses ?? 0) < LEECH_LAPSES) {
        leech = true;
        this.suspendedHere.add(cur.key);
        this.stats.leeches.push(cur.key);
        events.push({ type: 'suspend', id: this.options.nextEventId(), time: now.toISOString(), session: this.options.session, card: cur.key, reason: 'leech' });
      } else if (after.state !== 'review' && new Date(after.due).getTime() < addDays(startOfDay(now), 1).getTime()) {
        this.queues.learning.push({ key: cur.key, due: new Date(after.due).getTime() });
        this.queues.learning.sort((a, b) => a.due - b.due);
      }
    }
    this.refreshDue(cur.key);
    this.stats.reviewed++;
    if (rating === 1) this.stats.again++;
    entry.events = events;
    this.undoStack.push(entry);
    this.current = null;
    return { events, leech };
  }

  /** Suspends the current card for good (until unsuspended). */
  suspend(now: Date): HistoryEvent[] {
    const cur = this.requireCurrent();
    const entry = this.snapshot(cur, this.scheduleOf(cur.key));
    const events: HistoryEvent[] = [{ type: 'suspend', id: this.options.nextEventId(), time: now.toISOString(), session: this.options.session, card: cur.key, reason: 'manual' }];
    this.stats.suspended++;
    this.suspendedHere.add(cur.key);
    this.refreshDue(cur.key);
    this.queues.learning = this.queues.learning.filter((l) => l.key !== cur.key);
    entry.events = events;
    this.undoStack.push(entry);
    this.current = null;
    return events;
  }

  /** Hides the current card until the start of tomorrow. */
  bury(now: Date): HistoryEvent[] {
    const cur = this.requireCurrent();
    const entry = this.snapshot(cur, this.scheduleOf(cur.key));
    const until = addDays(startOfDay(now), 1).toISOString();
    const events: HistoryEvent[] = [{ type: 'bury', id: this.options.nextEventId(), time: now.toISOString(), session: this.options.session, card: cur.key, until }];
    this.stats.buried++;
    entry.events = events;
    this.undoStack.push(entry);
    this.current = null;
    return events;
  }

  canUndo(): boolean {
    return this.undoStack.length > 0;
  }

  /** Takes back the last rating, suspension or burial: the card comes back as it was. */
  undo(now: Date): HistoryEvent[] {
    const entry = this.undoStack.pop();
    if (!entry) return [];
    const time = now.toISOString();
    const session = this.options.session;
    const events: HistoryEvent[] = [];
    for (const e of [...entry.events].reverse()) {
      if (e.type === 'review') events.push({ type: 'undo', id: this.options.nextEventId(), time, session, target: e.id, card: e.card, restore: e.before });
      else if (e.type === 'cram') events.push({ type: 'undo', id: this.options.nextEventId(), time, session, target: e.id, card: e.card });
      else if (e.type === 'suspend') {
        events.push({ type: 'unsuspend', id: this.options.nextEventId(), time, session, card: e.card });
        this.suspendedHere.delete(e.card);
      }
      else if (e.type === 'bury') events.push({ type: 'bury', id: this.options.nextEventId(), time, session, card: e.card, until: NOT_BURIED });
    }
    this.queues = entry.queues;
    this.shown = entry.shown;
    this.current = entry.current;
    this.schedules.set(entry.current.key, entry.schedule);
    this.refreshDue(entry.current.key);
    this.stats = entry.stats;
    return events;
  }

  /** Takes a card's new text (edited with `e`); its key, and so its history, stay the same. */
  replaceCard(card: Card): void {
    if (this.cards.has(card.key)) this.cards.set(card.key, card);
  }

  /** New cards held back by the daily limit: there for the asking, with --new. */
  newHeldBack(): number {
    return this.heldBack;
  }

  /** Where the current card's text lives, for `e`. */
  currentCard(): Card | undefined {
    return this.current ? this.cards.get(this.current.key) : undefined;
  }

  private kindOf(schedule: CardSchedule | null): QueueKind {
    if (!schedule || schedule.state === 'new') return 'new';
    return schedule.state === 'review' ? 'review' : 'learning';
  }

  private requireCurrent(): { key: CardKey; kind: QueueKind } {
    if (!this.current) throw new Error('no current card');
    return this.current;
  }

  private snapshot(cur: { key: CardKey; kind: QueueKind }, schedule: CardSchedule | null): UndoEntry {
    return {
      queues: { reviews: [...this.queues.reviews], fresh: [...this.queues.fresh], learning: this.queues.learning.map((l) => ({ ...l })) },
      shown: this.shown,
      current: { ...cur },
      schedule,
      events: [],
      stats: { ...this.stats, leeches: [...this.stats.leeches] },
    };
  }

  private describe(): Current {
    const cur = this.current!;
    const c = this.counts();
    return {
      card: this.cards.get(cur.key)!,
      kind: cur.kind,
      schedule: this.scheduleOf(cur.key),
      position: this.shown,
      total: this.shown + c.new + c.learning + c.review,
    };
  }
}
