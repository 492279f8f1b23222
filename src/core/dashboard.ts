/**
 * What `crss` alone shows: where the learner stands today and what to run next (pure: the briefs, the
 * attempts and the clock come in).
 */
import { startOfDay } from './day.js';
import { STATE_CODES, type BriefColumns } from './history.js';
import type { QuizAttempt } from './quiz-history.js';

export interface Dashboard {
  /** Cards to study now, missed quiz questions included. */
  dueNow: number;
  missedWaiting: number;
  /** New cards today's limit still allows, and cards never studied. */
  newToday: number;
  neverStudied: number;
  exam?: { date: string; daysLeft: number };
  latestExam?: QuizAttempt;
  /** The command to run next, and why. */
  next: { command: string; why: string };
}

/** After this long without a practice exam, one is the next thing to do once study is done. */
const EXAM_EVERY_DAYS = 7;
const DAY_MS = 86_400_000;

export function dashboardOf(input: { briefs: BriefColumns; newLeft: number; attempts: QuizAttempt[]; exam?: { text: string; day: Date }; now: Date }): Dashboard {
  const { briefs, now } = input;
  const t = now.getTime();
  let dueNow = 0;
  let missedWaiting = 0;
  let neverStudied = 0;
  for (let i = 0; i < briefs.known.length; i++) {
    const state = briefs.known[i] === 1 ? STATE_CODES[briefs.state[i]!] ?? null : null;
    if (briefs.suspended[i] === 1 || briefs.buriedUntil[i]! > t) continue;
    const missed = !Number.isNaN(briefs.quizWrongAt[i]!);
    if (missed) missedWaiting++;
    if (missed || (state !== null && state !== 'new' && briefs.due[i]! <= t)) dueNow++;
    else if (state === null || state === 'new') neverStudied++;
  }
  const newToday = Math.max(0, Math.min(neverStudied, input.newLeft));
  const latestExam = input.attempts.find((a) => a.mode === 'exam');
  const daysLeft = input.exam ? Math.round((startOfDay(input.exam.day).getTime() - startOfDay(now).getTime()) / DAY_MS) : undefined;
  const examAgo = latestExam ? (t - Date.parse(latestExam.at)) / DAY_MS : Infinity;
  let next: Dashboard['next'];
  if (dueNow > 0) next = { command: 'crss study', why: missedWaiting > 0 ? `${dueNow} due, missed questions among them` : `${dueNow} due` };
  else if (newToday > 0) next = { command: 'crss study', why: `${newToday} new card${newToday === 1 ? '' : 's'} for today` };
  else if (examAgo > EXAM_EVERY_DAYS) next = { command: 'crss quiz --exam --count 25', why: latestExam ? `no practice exam for ${Math.floor(examAgo)} days` : 'no practice exam yet' };
  else next = { command: 'crss quiz --weak', why: 'weakest questions first' };
  return {
    dueNow,
    missedWaiting,
    newToday,
    neverStudied,
    ...(input.exam && daysLeft !== undefined ? { exam: { date: input.exam.text, daysLeft } } : {}),
    ...(latestExam ? { latestExam } : {}),
    next,
  };
}
