/**
 * What crss remembers about a learner: an append-only history of events. Card state is derived from
 * it (see history.ts), so the history is the one thing that must never be lost.
 * These shapes are written to disk: change them only with a schema version bump.
 */

/** A card's address everywhere: `deck/id`. */
export type CardKey = string;

export type Rating = 1 | 2 | 3 | 4;
export const RATING_NAMES = ['again', 'hard', 'good', 'easy'] as const;

export type ScheduleState = 'new' | 'learning' | 'review' | 'relearning';

/** One card's FSRS memory state, in our own names (the ts-fsrs Card lives only in scheduler/fsrs.ts). */
export interface CardSchedule {
  /** ISO time the card is next due. */
  due: string;
  stability: number;
  difficulty: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  state: ScheduleState;
  /** ISO time of the last review, absent for a new card. */
  lastReview?: string;
}

interface EventBase {
  /** Unique id of this event: `<device>-<session>-<seq>`, so devices never collide. */
  id: string;
  /** ISO time the event happened, by the writing machine's clock (what FSRS counts elapsed days with). */
  time: string;
  /**
   * Hybrid logical clock stamp (an ISO time at or above `time`) that orders events across machines
   * (core/clock.ts). Absent in logs written before it existed, and in quiz answers written before quiz
   * answers were stamped (a quiz did not load the history): those order by `time`.
   */
  hlc?: string;
  /** The session that wrote it. */
  session: string;
}

/** A study rating that changed the card's schedule. */
export interface ReviewEvent extends EventBase {
  type: 'review';
  card: CardKey;
  rating: Rating;
  durationMs: number;
  /** Hash of the card's text when it was reviewed, so later tools can see edits. */
  contentHash: string;
  /** The schedule before the rating (null for a new card) and after it. */
  before: CardSchedule | null;
  after: CardSchedule;
}

/** A rating in cram mode: recorded, but the schedule is not touched. */
export interface CramEvent extends EventBase {
  type: 'cram';
  card: CardKey;
  rating: Rating;
  durationMs: number;
}

/** A quiz answer: recorded; a wrong answer makes the card due for study, nothing else changes. */
export interface QuizEvent extends EventBase {
  type: 'quiz';
  card: CardKey;
  /** The option text the learner chose, or null when unanswered (exam time ran out). */
  chosen: string | null;
  correct: boolean;
  durationMs: number;
  /** 'tutor' or 'exam'. */
  quizMode: 'tutor' | 'exam';
  /**
   * The quiz this answer belongs to, on every answer so that a quiz cut short still says what it was.
   * Optional fields, not a new event kind: logs written before them, and crss versions that do not know
   * them, still read each other's answers (an unknown field is ignored).
   */
  attempt?: QuizAttemptInfo;
  /** The card's CRSS domain when asked (history per domain without loading the decks). */
  domain?: string;
}

/** What chose a quiz's questions. */
export interface QuizFilter {
  topics?: string[];
  domains?: string[];
  decks?: string[];
  missed?: boolean;
  weak?: boolean;
}

export interface QuizAttemptInfo {
  /** ISO time the quiz started (an exam: when its clock started). */
  startedAt: string;
  /** Questions in the quiz as built (an interrupted quiz answered fewer). */
  questions: number;
  filter: QuizFilter;
}

/**
 * Takes back an earlier review or cram event (`target` is its id). For a review, `restore` is the
 * schedule the card goes back to (the target's `before`), so that undo never needs older history.
 */
export interface UndoEvent extends EventBase {
  type: 'undo';
  target: string;
  card: CardKey;
  restore?: CardSchedule | null;
}

export interface SuspendEvent extends EventBase {
  type: 'suspend';
  card: CardKey;
  reason: 'manual' | 'leech';
}

export interface UnsuspendEvent extends EventBase {
  type: 'unsuspend';
  card: CardKey;
}

/** Hides a card until `until` (ISO time, normally the next local midnight). */
export interface BuryEvent extends EventBase {
  type: 'bury';
  card: CardKey;
  until: string;
}

/** `crss prune`/`crss reset`: everything about the card before this event is forgotten. */
export interface ForgetEvent extends EventBase {
  type: 'forget';
  card: CardKey;
}

export type HistoryEvent =
  | ReviewEvent
  | CramEvent
  | QuizEvent
  | UndoEvent
  | SuspendEvent
  | UnsuspendEvent
  | BuryEvent
  | ForgetEvent;
