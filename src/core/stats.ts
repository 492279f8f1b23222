/**
 * Progress figures, computed from the decks, the reduced history and the event log. Pure: the
 * clock comes in as `now`, recall probabilities from the scheduler passed in.
 */
import type { Card } from '../deck/model.js';
import { addDays, dayKey, startOfDay } from './day.js';
import type { CardKey, CardSchedule, HistoryEvent, QuizEvent, ReviewEvent } from './events.js';
import { EXAM_PASS_MARK, type Tally } from './quiz.js';
import { quizAttempts } from './quiz-history.js';

export const FORECAST_DAYS = 30;
export const HEATMAP_WEEKS = 12;
export const RETENTION_WINDOW_DAYS = 30;
export const AT_RISK_COUNT = 5;
export const EXAM_TREND_COUNT = 10;
export const PRACTICE_WINDOW_DAYS = 30;

export interface CardView {
  schedule: CardSchedule | null;
  suspended: false | 'manual' | 'leech';
  due: boolean;
  /** Answered wrong in a quiz and not reviewed since: due for study whatever its schedule. */
  missed?: boolean;
}

export interface StatsInput {
  cards: Card[];
  records: Map<CardKey, CardView>;
  events: Iterable<HistoryEvent>;
  now: Date;
  desiredRetention: number;
  retrievability: (schedule: CardSchedule | null, when: Date) => number;
  examDate?: Date;
}

export interface Mastery {
  cards: number;
  studied: number;
  mastery: number;
}

export interface Readiness {
  examDate: string;
  daysLeft: number;
  overall: number;
  byDomain: Record<string, number>;
  atRisk: { card: CardKey; recall: number }[];
  reviewsPerDayNeeded: number;
}

export interface Stats {
  reviews: number;
  cards: number;
  due: number;
  dueToday: number;
  /** Missed quiz questions waiting for study (counted in `due`). */
  missedWaiting: number;
  states: { new: number; learning: number; review: number; suspended: number };
  forecast: number[];
  reviewsByDay: Record<string, number>;
  retention: { true: number | null; desired: number; reviews: number };
  byTopic: Record<string, Mastery>;
  byDomain: Record<string, Mastery>;
  leeches: CardKey[];
  quizByDomain: Record<string, { correct: number; total: number; date: string }>;
  practice: Practice;
  readiness?: Readiness;
}

/** Evidence from practice, beside the recall forecast: exams taken and quiz accuracy. */
export interface Practice {
  /** The last ten practice exams, oldest first. */
  exams: { at: string; score: number; total: number; percent: number; passed: boolean }[];
  passMark: number;
  /** Quiz and exam answers of the last 30 days by domain (an exam's unanswered questions count as wrong). */
  accuracy: Record<string, Tally>;
  /** The domain to practise next: lowest quiz accuracy of the last 30 days, else lowest mastery. */
  next?: { domain: string; reason: 'accuracy' | 'mastery' };
}

const round = (n: number, digits = 3) => Math.round(n * 10 ** digits) / 10 ** digits;

export function computeStats(input: StatsInput): Stats {
  const { cards, records, now } = input;
  const today = startOfDay(now);
  const tomorrow = addDays(today, 1);
  const states = { new: 0, learning: 0, review: 0, suspended: 0 };
  const forecast = new Array<number>(FORECAST_DAYS).fill(0);
  let withState = 0;
  let dueNow = 0;
  let missedWaiting = 0;
  const leeches: CardKey[] = [];
  for (const card of cards) {
    const r = records.get(card.key);
    const s = r?.schedule ?? null;
    if (s) withState++;
    if (r?.suspended) {
      states.suspended++;
      if (r.suspended === 'leech') leeches.push(card.key);
      continue;
    }
    if (!s || s.state === 'new') states.new++;
    else if (s.state === 'review') states.review++;
    else states.learning++;
    if (r?.due) dueNow++;
    if (r?.missed) missedWaiting++;
    // A missed question never studied is due today too, though it has no schedule to forecast.
    if (r?.due && (!s || s.state === 'new')) forecast[0]!++;
    if (s && s.state !== 'new') {
      const day = Math.floor((startOfDay(new Date(s.due)).getTime() - today.getTime()) / 86_400_000);
      // Overdue cards count for today; the forecast is what the learner will face each day.
      const index = r?.due ? 0 : Math.max(0, day);
      if (index < FORECAST_DAYS) forecast[index]!++;
    }
  }

  let reviews = 0;
  const reviewsByDay: Record<string, number> = {};
  const heatmapStart = addDays(today, -(HEATMAP_WEEKS * 7 - 1));
  const retentionStart = addDays(today, -RETENTION_WINDOW_DAYS + 1);
  const undone = new Set<string>();
  const reviewEvents: ReviewEvent[] = [];
  const quizEvents: QuizEvent[] = [];
  for (const e of input.events) {
    if (e.type === 'review') reviewEvents.push(e);
    else if (e.type === 'undo') undone.add(e.target);
    else if (e.type === 'quiz') quizEvents.push(e);
  }
  let recalled = 0;
  let retentionReviews = 0;
  for (const e of reviewEvents) {
    if (undone.has(e.id)) continue;
    reviews++;
    const t = new Date(e.time);
    if (t >= heatmapStart && t < tomorrow) reviewsByDay[dayKey(t)] = (reviewsByDay[dayKey(t)] ?? 0) + 1;
    // True retention counts only reviews of cards already in review state (as Anki does).
    if (t >= retentionStart && t < tomorrow && e.before?.state === 'review') {
      retentionReviews++;
      if (e.rating > 1) recalled++;
    }
  }

  const mastery = (when: Date) => {
    const byTopic: Record<string, { sum: number; cards: number; studied: number }> = {};
    const byDomain: Record<string, { sum: number; cards: number; studied: number }> = {};
    const recallOf = new Map<CardKey, number>();
    for (const card of cards) {
      const r = records.get(card.key);
      const recall = r?.schedule ? input.retrievability(r.schedule, when) : 0;
      recallOf.set(card.key, recall);
      const add = (bucket: Record<string, { sum: number; cards: number; studied: number }>, name: string) => {
        const b = (bucket[name] ??= { sum: 0, cards: 0, studied: 0 });
        b.sum += recall;
        b.cards++;
        if (r?.schedule && r.schedule.state !== 'new') b.studied++;
      };
      for (const topic of card.topics) add(byTopic, topic);
      add(byDomain, card.domain ?? 'none');
    }
    const finish = (bucket: Record<string, { sum: number; cards: number; studied: number }>) =>
      Object.fromEntries(Object.entries(bucket).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, { cards: v.cards, studied: v.studied, mastery: round(v.sum / v.cards) }]));
    return { byTopic: finish(byTopic), byDomain: finish(byDomain), recallOf };
  };
  const current = mastery(now);

  const stats: Stats = {
    reviews,
    cards: withState,
    due: dueNow,
    dueToday: forecast[0]!,
    missedWaiting,
    states,
    forecast,
    reviewsByDay,
    retention: { true: retentionReviews === 0 ? null : round(recalled / retentionReviews), desired: input.desiredRetention, reviews: retentionReviews },
    byTopic: current.byTopic,
    byDomain: current.byDomain,
    leeches,
    quizByDomain: latestQuizByDomain(quizEvents, cards),
    practice: practiceOf(quizEvents, cards, current.byDomain, addDays(today, -PRACTICE_WINDOW_DAYS + 1)),
  };
  if (input.examDate) stats.readiness = readiness(input, mastery(input.examDate), today);
  return stats;
}

function readiness(input: StatsInput, atExam: { byDomain: Record<string, Mastery>; recallOf: Map<CardKey, number> }, today: Date): Readiness {
  const exam = input.examDate!;
  const daysLeft = Math.max(0, Math.round((startOfDay(exam).getTime() - today.getTime()) / 86_400_000));
  const values = [...atExam.recallOf.values()];
  const overall = values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
  const atRisk = input.cards
    .filter((c) => input.records.get(c.key)?.schedule && !input.records.get(c.key)?.suspended)
    .map((c) => ({ card: c.key, recall: round(atExam.recallOf.get(c.key) ?? 0) }))
    .sort((a, b) => a.recall - b.recall || a.card.localeCompare(b.card))
    .slice(0, AT_RISK_COUNT);
  // Every card must be seen before the exam: unseen cards, and studied cards falling due before it.
  let needed = 0;
  for (const card of input.cards) {
    const r = input.records.get(card.key);
    if (r?.suspended) continue;
    if (!r?.schedule || r.schedule.state === 'new' || new Date(r.schedule.due) < exam) needed++;
  }
  return {
    examDate: dayKey(exam),
    daysLeft,
    overall: round(overall),
    byDomain: Object.fromEntries(Object.entries(atExam.byDomain).map(([d, m]) => [d, m.mastery])),
    atRisk,
    reviewsPerDayNeeded: daysLeft === 0 ? needed : Math.ceil(needed / daysLeft),
  };
}

/** For each domain, the score of the most recent quiz session that asked questions in it. */
function latestQuizByDomain(events: QuizEvent[], cards: Card[]): Record<string, { correct: number; total: number; date: string }> {
  const domainOf = new Map(cards.map((c) => [c.key, c.domain ?? 'none']));
  const sessions = new Map<string, { time: string; answers: Map<CardKey, boolean> }>();
  for (const e of events) {
    const s = sessions.get(e.session) ?? { time: e.time, answers: new Map() };
    if (e.time > s.time) s.time = e.time;
    s.answers.set(e.card, e.correct);
    sessions.set(e.session, s);
  }
  const out: Record<string, { correct: number; total: number; date: string }> = {};
  const latest: Record<string, string> = {};
  for (const s of sessions.values()) {
    const tally: Record<string, { correct: number; total: number }> = {};
    for (const [card, correct] of s.answers) {
      const d = domainOf.get(card);
      if (!d) continue;
      const t = (tally[d] ??= { correct: 0, total: 0 });
      t.total++;
      if (correct) t.correct++;
    }
    for (const [d, t] of Object.entries(tally)) {
      if (!latest[d] || s.time > latest[d]!) {
        latest[d] = s.time;
        out[d] = { ...t, date: dayKey(new Date(s.time)) };
      }
    }
  }
  return out;
}

function practiceOf(events: QuizEvent[], cards: Card[], mastery: Record<string, Mastery>, since: Date): Practice {
  const exams = quizAttempts(events)
    .filter((a) => a.mode === 'exam')
    .slice(0, EXAM_TREND_COUNT)
    .reverse()
    .map((a) => ({ at: a.at, score: a.score, total: a.total, percent: a.percent, passed: a.passed === true }));
  const domainOf = new Map(cards.map((c) => [c.key, c.domain]));
  // An exam's answer can be changed: the latest answer per session and card counts.
  const latest = new Map<string, QuizEvent>();
  const from = since.toISOString();
  for (const e of events) {
    if (e.time < from) continue;
    const key = `${e.session} ${e.card}`;
    const prev = latest.get(key);
    if (!prev || prev.time <= e.time) latest.set(key, e);
  }
  const accuracy: Record<string, Tally> = {};
  for (const e of latest.values()) {
    const domain = domainOf.get(e.card) ?? e.domain;
    if (!domain) continue;
    const t = (accuracy[domain] ??= { correct: 0, total: 0 });
    t.total++;
    if (e.correct) t.correct++;
  }
  const sorted = Object.fromEntries(Object.entries(accuracy).sort(([a], [b]) => a.localeCompare(b)));
  const byAccuracy = Object.entries(sorted).sort(([a, x], [b, y]) => x.correct / x.total - y.correct / y.total || a.localeCompare(b));
  const byMastery = Object.entries(mastery).filter(([d]) => d !== 'none').sort(([a, x], [b, y]) => x.mastery - y.mastery || a.localeCompare(b));
  const next = byAccuracy.length > 0 ? { domain: byAccuracy[0]![0], reason: 'accuracy' as const } : byMastery.length > 0 ? { domain: byMastery[0]![0], reason: 'mastery' as const } : undefined;
  return { exams, passMark: EXAM_PASS_MARK, accuracy: sorted, ...(next ? { next } : {}) };
}
