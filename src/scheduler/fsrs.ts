/**
 * The one adapter for ts-fsrs. Its snake_case Card and numeric enums stay in this file; the rest of
 * crss speaks CardSchedule. Every function takes `now`; nothing here reads the clock.
 */
import { checkParameters, createEmptyCard, default_w, forgetting_curve, fsrs, generatorParameters, State, type Card as FsrsCard, type FSRS, type Grade } from 'ts-fsrs';
import type { CardSchedule, Rating, ScheduleState } from '../core/events.js';

export interface SchedulerSettings {
  /** Desired retention, 0.70 to 0.97. */
  retention: number;
  /** Longest interval in days. */
  maxIntervalDays: number;
  /** Spread due dates a little so that cards learnt together do not stay together (on by default). */
  fuzz: boolean;
  /** Personal FSRS parameters from `crss optimize`; the defaults when absent. */
  weights?: readonly number[];
  /**
   * The latest a card may fall due: with an exam date, the start of the day before the exam, so that
   * every card studied comes up at least once more before it.
   */
  dueBy?: Date;
}

const DAY_MS = 86_400_000;

/**
 * ts-fsrs can exceed maximum_interval by a day or two (it keeps Easy longer than Good), and knows
 * nothing of exams; both limits are applied here, to previews and ratings alike.
 */
function limitDue(schedule: CardSchedule, now: Date, settings: SchedulerSettings): CardSchedule {
  let due = new Date(schedule.due).getTime();
  const latest = [now.getTime() + settings.maxIntervalDays * DAY_MS];
  if (settings.dueBy && settings.dueBy.getTime() > now.getTime()) latest.push(settings.dueBy.getTime());
  const limit = Math.min(...latest);
  if (due <= limit) return schedule;
  due = limit;
  return { ...schedule, due: new Date(due).toISOString(), scheduledDays: Math.max(0, Math.floor((due - now.getTime()) / DAY_MS)) };
}

export const DEFAULT_RETENTION = 0.9;
/** FSRS's published default parameters, used until `crss optimize` adopts personal ones. */
export const DEFAULT_WEIGHTS: readonly number[] = default_w;
/** Anki's default maximum interval is 100 years; for an exam a year is plenty, and settable. */
export const DEFAULT_MAX_INTERVAL_DAYS = 365;

const STATE_NAMES: Record<State, ScheduleState> = {
  [State.New]: 'new',
  [State.Learning]: 'learning',
  [State.Review]: 'review',
  [State.Relearning]: 'relearning',
};
const STATE_OF: Record<ScheduleState, State> = { new: State.New, learning: State.Learning, review: State.Review, relearning: State.Relearning };

function toSchedule(card: FsrsCard): CardSchedule {
  const out: CardSchedule = {
    due: card.due.toISOString(),
    stability: card.stability,
    difficulty: card.difficulty,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: STATE_NAMES[card.state],
  };
  if (card.last_review) out.lastReview = card.last_review.toISOString();
  return out;
}

function toFsrsCard(schedule: CardSchedule | null, now: Date): FsrsCard {
  if (schedule === null) return createEmptyCard(now);
  return {
    due: new Date(schedule.due),
    stability: schedule.stability,
    difficulty: schedule.difficulty,
    elapsed_days: 0,
    scheduled_days: schedule.scheduledDays,
    learning_steps: schedule.learningSteps,
    reps: schedule.reps,
    lapses: schedule.lapses,
    state: STATE_OF[schedule.state],
    ...(schedule.lastReview ? { last_review: new Date(schedule.lastReview) } : {}),
  };
}

export interface Scheduler {
  /** The schedule after each of the four ratings, to label the keys with their intervals. */
  preview(schedule: CardSchedule | null, now: Date): Record<Rating, CardSchedule>;
  /** The schedule after one rating. */
  rate(schedule: CardSchedule | null, now: Date, rating: Rating): CardSchedule;
  /** Probability of recall at `when` (0 for a card never studied). */
  retrievability(schedule: CardSchedule | null, when: Date): number;
}

export function createScheduler(settings: SchedulerSettings): Scheduler {
  // request_retention and maximum_interval are read with `||` inside ts-fsrs, so validate here.
  const params = generatorParameters({
    request_retention: settings.retention,
    maximum_interval: settings.maxIntervalDays,
    enable_fuzz: settings.fuzz,
    enable_short_term: true,
    ...(settings.weights ? { w: checkParameters(settings.weights) } : {}),
  });
  // Made when first used: a session that ends at its first card (or shows only new cards' fronts) never
  // needs it, and start-up is measured against Node's own.
  let made: FSRS | undefined;
  const engine = () => (made ??= fsrs(params));
  return {
    preview(schedule, now) {
      const outcomes = engine().repeat(toFsrsCard(schedule, now), now);
      const out = (r: Grade) => limitDue(toSchedule(outcomes[r].card), now, settings);
      return { 1: out(1), 2: out(2), 3: out(3), 4: out(4) };
    },
    rate(schedule, now, rating) {
      return limitDue(toSchedule(engine().next(toFsrsCard(schedule, now), now, rating as Grade).card), now, settings);
    },
    retrievability(schedule, when) {
      if (schedule === null || schedule.state === 'new' || !schedule.lastReview) return 0;
      return engine().get_retrievability(toFsrsCard(schedule, when), when, false);
    },
  };
}

/** FSRS's forgetting curve with the default decay, for conformance tests and stats. */
export function recallProbability(elapsedDays: number, stability: number, weights: readonly number[] = generatorParameters().w): number {
  return forgetting_curve(weights, elapsedDays, stability);
}
