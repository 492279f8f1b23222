/**
 * Past quizzes and exams, derived from quiz answers (pure). Each quiz run writes its answers under one
 * session id, so a session is an attempt; an interrupted quiz is an attempt with the answers it got.
 */
import type { QuizEvent, QuizFilter } from './events.js';
import { EXAM_PASS_MARK, type Tally } from './quiz.js';

export interface QuizAttempt {
  /** ISO time the quiz started. */
  at: string;
  mode: 'tutor' | 'exam';
  filter: QuizFilter;
  /** Questions counted in the score: an exam's every question (unanswered ones are wrong), a tutor quiz's answered ones. */
  total: number;
  score: number;
  percent: number;
  /** Against the pass mark, for exams; null for tutor quizzes. */
  passed: boolean | null;
  durationMs: number;
  byDomain: Record<string, Tally>;
  /** Questions the quiz was built with, and how many were answered. */
  questions: number;
  answered: number;
}

export const percentOf = (score: number, total: number): number => (total === 0 ? 0 : Math.round((score / total) * 1000) / 10);

/** Every attempt in the answers, newest first. */
export function quizAttempts(answers: Iterable<QuizEvent>): QuizAttempt[] {
  const sessions = new Map<string, QuizEvent[]>();
  for (const e of answers) {
    const list = sessions.get(e.session);
    if (list) list.push(e);
    else sessions.set(e.session, [e]);
  }
  const attempts = [...sessions.values()].map(attemptOf);
  return attempts.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}

function attemptOf(events: QuizEvent[]): QuizAttempt {
  events.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : a.id < b.id ? -1 : 1));
  const first = events[0]!;
  const last = events.at(-1)!;
  const info = events.find((e) => e.attempt)?.attempt;
  // An exam's answers can be changed: the latest answer to each question counts.
  const latest = new Map<string, QuizEvent>();
  for (const e of events) latest.set(e.card, e);
  const mode = first.quizMode;
  let score = 0;
  let answered = 0;
  const byDomain: Record<string, Tally> = {};
  for (const e of latest.values()) {
    if (e.chosen !== null) answered++;
    if (mode === 'tutor' && e.chosen === null) continue;
    const d = (byDomain[e.domain ?? 'none'] ??= { correct: 0, total: 0 });
    d.total++;
    if (e.correct) {
      score++;
      d.correct++;
    }
  }
  const questions = Math.max(info?.questions ?? latest.size, latest.size);
  const total = mode === 'exam' ? questions : answered;
  const percent = percentOf(score, total);
  // Without attempt info (older logs), the quiz began when its first answer's time started running.
  const at = info?.startedAt ?? new Date(Date.parse(first.time) - first.durationMs).toISOString();
  return {
    at,
    mode,
    filter: info?.filter ?? {},
    total,
    score,
    percent,
    passed: mode === 'exam' ? percent >= EXAM_PASS_MARK : null,
    durationMs: Math.max(0, Date.parse(last.time) - Date.parse(at)),
    byDomain: Object.fromEntries(Object.entries(byDomain).sort(([a], [b]) => a.localeCompare(b))),
    questions,
    answered,
  };
}
