/** dashboardOf: the counts of `crss` alone and what it says to run next. */
import { describe, expect, it } from 'vitest';
import { dashboardOf } from '../../src/core/dashboard.js';
import { STATE_CODES, unknownBriefColumns } from '../../src/core/history.js';
import type { QuizAttempt } from '../../src/core/quiz-history.js';

const NOW = new Date('2026-12-01T12:00:00Z');
const HOUR = 3_600_000;

/** Briefs for cards described as [state, due in hours from now, missed, suspended]. */
function briefs(cards: [string | null, number, boolean?, boolean?][]) {
  const b = unknownBriefColumns(cards.length);
  cards.forEach(([state, dueIn, missed, suspended], i) => {
    b.known[i] = state === null && !missed ? 0 : 1;
    b.state[i] = STATE_CODES.indexOf(state as never);
    b.due[i] = state === null ? NaN : NOW.getTime() + dueIn * HOUR;
    b.quizWrongAt[i] = missed ? NOW.getTime() - HOUR : NaN;
    b.suspended[i] = suspended ? 1 : 0;
  });
  return b;
}

const exam = (daysAgo: number): QuizAttempt => ({ at: new Date(NOW.getTime() - daysAgo * 24 * HOUR).toISOString(), mode: 'exam', filter: {}, total: 10, score: 7, percent: 70, passed: true, durationMs: 1, byDomain: {}, questions: 10, answered: 10 });

describe('dashboardOf', () => {
  it('counts due cards with missed questions among them, new cards within the limit, and suspended ones nowhere', () => {
    const d = dashboardOf({ briefs: briefs([['review', -1], ['review', 5], ['learning', -0.5], [null, 0, true], ['review', 48, true], [null, 0], [null, 0], ['review', -1, false, true]]), newLeft: 1, attempts: [], now: NOW });
    expect(d).toMatchObject({ dueNow: 4, missedWaiting: 2, newToday: 1, neverStudied: 2 });
    expect(d.next).toEqual({ command: 'crss study', why: '4 due, missed questions among them' });
  });

  it('says to study new cards, then to take a practice exam after a week without one, else a weak-first quiz', () => {
    expect(dashboardOf({ briefs: briefs([[null, 0]]), newLeft: 20, attempts: [], now: NOW }).next).toEqual({ command: 'crss study', why: '1 new card for today' });
    const done = briefs([['review', 48]]);
    expect(dashboardOf({ briefs: done, newLeft: 20, attempts: [], now: NOW }).next).toEqual({ command: 'crss quiz --exam --count 25', why: 'no practice exam yet' });
    expect(dashboardOf({ briefs: done, newLeft: 20, attempts: [exam(9)], now: NOW }).next).toEqual({ command: 'crss quiz --exam --count 25', why: 'no practice exam for 9 days' });
    const recent = dashboardOf({ briefs: done, newLeft: 20, attempts: [exam(2)], exam: { text: '2026-12-15', day: new Date(2026, 11, 15) }, now: NOW });
    expect(recent.next).toEqual({ command: 'crss quiz --weak', why: 'weakest questions first' });
    expect(recent.latestExam?.score).toBe(7);
    expect(recent.exam?.date).toBe('2026-12-15');
  });
});
