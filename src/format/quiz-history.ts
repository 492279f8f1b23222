/** `crss quiz history` as text: one line per quiz or exam, newest first, within 80 columns. */
import { dayKey, formatDuration } from '../core/day.js';
import type { QuizFilter } from '../core/events.js';
import type { QuizAttempt } from '../core/quiz-history.js';
import { EXAM_PASS_MARK } from '../core/quiz.js';
import type { Colors } from '../terminal/color.js';
import { sanitizeLine } from '../terminal/sanitize.js';

const FILTER_WIDTH = 24;

/** A quiz's filter as the options that chose it: `--topic trust --missed`, or `all`. */
export function formatFilter(filter: QuizFilter): string {
  const parts = [
    ...(filter.topics ?? []).map((t) => `--topic ${t}`),
    ...(filter.domains ?? []).map((d) => `--domain ${d}`),
    ...(filter.decks ?? []).map((d) => `--deck ${d}`),
    ...(filter.missed ? ['--missed'] : []),
    ...(filter.weak ? ['--weak'] : []),
  ];
  return parts.length === 0 ? 'all' : sanitizeLine(parts.join(' '));
}

function clip(text: string, width: number): string {
  return text.length <= width ? text.padEnd(width) : `${text.slice(0, width - 1)}…`;
}

function timeOfDay(when: Date): string {
  return `${String(when.getHours()).padStart(2, '0')}:${String(when.getMinutes()).padStart(2, '0')}`;
}

export function formatQuizHistory(attempts: QuizAttempt[], colors: Colors): string {
  if (attempts.length === 0) return 'No quizzes yet. Start one with crss quiz, or a practice exam with crss quiz --exam.';
  const lines = [colors.bold(`${'WHEN'.padEnd(17)}${'MODE'.padEnd(6)}${'FILTER'.padEnd(FILTER_WIDTH + 1)}${'SCORE'.padStart(7)}${'%'.padStart(7)}  ${'RESULT'.padEnd(7)}TIME`)];
  for (const a of attempts) {
    const at = new Date(a.at);
    const result = a.passed !== null ? (a.passed ? 'pass' : 'fail') : a.answered < a.questions ? `${a.answered}/${a.questions}` : '';
    const line = [
      `${dayKey(at)} ${timeOfDay(at)}`.padEnd(17),
      a.mode.padEnd(6),
      clip(formatFilter(a.filter), FILTER_WIDTH),
      ' ',
      `${a.score}/${a.total}`.padStart(7),
      `${a.percent}%`.padStart(7),
      '  ',
      (a.passed === false ? colors.red : a.passed ? colors.green : (s: string) => s)(result.padEnd(7)),
      formatDuration(a.durationMs),
    ].join('');
    lines.push(line.trimEnd());
  }
  lines.push('', colors.dim(`RESULT: exams pass or fail (${EXAM_PASS_MARK} to pass); n/m: stopped after n of m questions.`));
  return lines.join('\n');
}
