/** `crss` alone, as text within 80 columns. */
import { dayKey } from '../core/day.js';
import type { Dashboard } from '../core/dashboard.js';
import type { Colors } from '../terminal/color.js';

function examWhen(daysLeft: number): string {
  if (daysLeft < 0) return 'passed (change: crss config set exam-date)';
  return daysLeft === 0 ? 'today' : `in ${daysLeft} day${daysLeft === 1 ? '' : 's'}`;
}

export function formatDashboard(d: Dashboard, colors: Colors): string {
  const row = (name: string, value: string) => `  ${name.padEnd(22)}${value}`;
  const exam = d.latestExam;
  return [
    colors.bold('crss: Illinois CRSS exam practice'),
    row('due now', `${d.dueNow} card${d.dueNow === 1 ? '' : 's'}`),
    row('new available', `${d.newToday} today (${d.neverStudied} not studied yet)`),
    row('missed questions', d.missedWaiting === 0 ? 'none waiting' : `${d.missedWaiting} waiting for study (counted in due now)`),
    row('exam', d.exam ? `${d.exam.date}, ${examWhen(d.exam.daysLeft)}` : 'no date set (crss config set exam-date YYYY-MM-DD)'),
    row('latest practice exam', exam ? `${exam.score}/${exam.total} (${exam.percent}%) ${exam.passed ? 'PASS' : 'FAIL'} on ${dayKey(new Date(exam.at))}` : 'none yet'),
    '',
    `Next: ${colors.bold(d.next.command)}  (${d.next.why})`,
    colors.dim('More: crss stats · crss quiz history · crss --help'),
  ].join('\n');
}
