/**
 * A study session as a pure state machine: which card comes next, what a rating, undo, suspend or
 * bury turns into (events for the history), and the running counts. The shell appends the events
 * durably before it asks for the next card. Time comes in as `now`; nothing here reads the clock.
 */
import type { Card } from '../deck/model.js';
import { addDays, startOfDay } from './day.js';
import type { CardKey, CardSchedule, HistoryEvent, Rating } from './events.js';
import type { Scheduler } from '../scheduler/fsrs.js';

/** Lapses at which a card becomes a leech and is suspended (Anki's default). */
export const LEECH_LAPSES = 8;
/** Learning cards due within this window are shown early when nothing else is left (Anki's default). */
export const LEARN_AHEAD_MS = 20 * 60_000;

export type QueueKind = 'new' | 'learning' | 'review';

/** What the session knows about a card's past, from the history. */
export interface KnownCard {
  schedule: CardSchedule | null;
  suspended: boolean;
  buriedUntil?: string;
  /** A quiz answer was wrong since the last review: the card is due whatever its schedule says. */
  quizWrong?: boolean;
}

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

export class StudySession {
  private readonly cards = new Map<CardKey, Card>();
  private readonly schedules = new Map<CardKey, CardSchedule | null>();
  private queues: Queues = { reviews: [], fresh: [], learning: [] };
  private shown = 0;
  private current: { key: CardKey; kind: QueueKind } | null = null;
  private undoStack: UndoEntry[] = [];
  stats: SessionStats = { reviewed: 0, again: 0, leeches: [], suspended: 0, buried: 0 };

  constructor(
    cards: Card[],
    known: Map<CardKey, KnownCard>,
    private readonly scheduler: Scheduler,
    private readonly options: SessionOptions,
  ) {
    const now = options.now.getTime();
    const endOfToday = addDays(startOfDay(options.now), 1).getTime();
    const due: { key: CardKey; due: number }[] = [];
    const cram: { key: CardKey; r: number }[] = [];
    for (const card of cards) {
      const k = known.get(card.key);
      this.cards.set(card.key, card);
      this.schedules.set(card.key, k?.schedule ?? null);
      if (k?.suspended || (k?.buriedUntil && Date.parse(k.buriedUntil) > now)) continue;
      const schedule = k?.schedule ?? null;
      if (options.cram) {
        cram.push({ key: card.key, r: scheduler.retrievability(schedule, options.now) });
        continue;
      }
      if (schedule === null || schedule.state === 'new') {
        this.queues.fresh.push(card.key);
        continue;
      }
      const dueAt = Date.parse(schedule.due);
      if (k?.quizWrong || dueAt <= now) {
        if (schedule.state === 'review' || k?.quizWrong) due.push({ key: card.key, due: dueAt });
        else this.queues.learning.push({ key: card.key, due: dueAt });
      } else if (schedule.state !== 'review' && dueAt < endOfToday) {
        this.queues.learning.push({ key: card.key, due: dueAt });
      }
    }
    if (options.cram) {
      // Weakest first; the sort is stable, so equal cards keep deck order.
      this.queues.reviews = cram.sort((a, b) => a.r - b.r).map((c) => c.key);
    } else {
      this.queues.reviews = due.sort((a, b) => a.due - b.due).map((c) => c.key).slice(0, Math.max(0, options.reviewsLeft));
      this.queues.fresh = this.queues.fresh.slice(0, Math.max(0, options.newLeft));
    }
    this.queues.learning.sort((a, b) => a.due - b.due);
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
    else if (this.queues.reviews.length > 0) pick = { key: this.queues.reviews.shift()!, kind: this.options.cram ? 'learning' : 'review' };
    else if (this.queues.fresh.length > 0) pick = { key: this.queues.fresh.shift()!, kind: 'new' };
    else if (learning && learning.due <= t + LEARN_AHEAD_MS) pick = { key: this.queues.learning.shift()!.key, kind: 'learning' };
    if (!pick) return null;
    if (this.options.cram) pick.kind = this.kindOf(this.schedules.get(pick.key) ?? null);
    this.current = pick;
    this.shown++;
    return this.describe();
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
    return this.scheduler.preview(this.schedules.get(this.current.key) ?? null, now);
  }

  rate(rating: Rating, now: Date, durationMs: number): RatingOutcome {
    const cur = this.requireCurrent();
    const card = this.cards.get(cur.key)!;
    const before = this.schedules.get(cur.key) ?? null;
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
      this.schedules.set(cur.key, after);
      if (after.lapses >= LEECH_LAPSES && (before?.lapses ?? 0) < LEECH_LAPSES) {
        leech = true;
        this.stats.leeches.push(cur.key);
        events.push({ type: 'suspend', id: this.options.nextEventId(), time: now.toISOString(), session: this.options.session, card: cur.key, reason: 'leech' });
      } else if (after.state !== 'review' && new Date(after.due).getTime() < addDays(startOfDay(now), 1).getTime()) {
        this.queues.learning.push({ key: cur.key, due: new Date(after.due).getTime() });
        this.queues.learning.sort((a, b) => a.due - b.due);
      }
    }
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
    const entry = this.snapshot(cur, this.schedules.get(cur.key) ?? null);
    const events: HistoryEvent[] = [{ type: 'suspend', id: this.options.nextEventId(), time: now.toISOString(), session: this.options.session, card: cur.key, reason: 'manual' }];
    this.stats.suspended++;
    this.queues.learning = this.queues.learning.filter((l) => l.key !== cur.key);
    entry.events = events;
    this.undoStack.push(entry);
    this.current = null;
    return events;
  }

  /** Hides the current card until the start of tomorrow. */
  bury(now: Date): HistoryEvent[] {
    const cur = this.requireCurrent();
    const entry = this.snapshot(cur, this.schedules.get(cur.key) ?? null);
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
      else if (e.type === 'suspend') events.push({ type: 'unsuspend', id: this.options.nextEventId(), time, session, card: e.card });
      else if (e.type === 'bury') events.push({ type: 'bury', id: this.options.nextEventId(), time, session, card: e.card, until: time });
    }
    this.queues = entry.queues;
    this.shown = entry.shown;
    this.current = entry.current;
    this.schedules.set(entry.current.key, entry.schedule);
    this.stats = entry.stats;
    return events;
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
      schedule: this.schedules.get(cur.key) ?? null,
      position: this.shown,
      total: this.shown + c.new + c.learning + c.review,
    };
  }
}
