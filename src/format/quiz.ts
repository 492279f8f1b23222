/** Quiz screens and results as strings. */
import { formatDuration } from '../core/day.js';
import { EXAM_PASS_MARK, type QuizItem, type QuizResult, type Tally } from '../core/quiz.js';
import { LETTERS } from '../core/random.js';
import type { Colors } from '../terminal/color.js';
import { sanitize, sanitizeLine } from '../terminal/sanitize.js';

export function formatQuestion(item: QuizItem, position: number, total: number, colors: Colors, marks: { chosen?: number | null; flagged?: boolean } = {}): string {
  const header = `[${position}/${total}] ${colors.dim(sanitizeLine(item.card.key))}${marks.flagged ? ' ⚑ flagged' : ''}`;
  const options = item.options.map((o, i) => `${marks.chosen === i ? '>' : ' '} ${LETTERS[i]}) ${sanitize(o)}`);
  return [header, `Q: ${sanitize(item.card.question)}`, ...options].join('\n');
}

export function formatFeedback(item: QuizItem, choice: number, colors: Colors): string {
  const right = item.options.indexOf(item.card.answer);
  const lines = [
    choice === right ? colors.green('Correct.') : colors.red(`Wrong. The answer is ${LETTERS[right]}) ${sanitize(item.card.answer)}`),
  ];
  if (item.card.explanation) lines.push(sanitize(item.card.explanation));
  if (item.card.source) lines.push(colors.dim(`Source: ${sanitizeLine(item.card.source)}`));
  return lines.join('\n');
}

function tallyLine(name: string, t: Tally): string {
  const pct = t.total === 0 ? 0 : Math.round((t.correct / t.total) * 100);
  return `  ${sanitizeLine(name).padEnd(30)} ${String(t.correct).padStart(3)}/${String(t.total).padEnd(3)} ${String(pct).padStart(3)}%`;
}

export interface QuizSummaryInput {
  result: QuizResult;
  items: QuizItem[];
  choices: (number | null | undefined)[];
  elapsedMs: number;
  exam: boolean;
  answered: number;
  timedOut: boolean;
}

export function formatQuizSummary(s: QuizSummaryInput, colors: Colors): string {
  const { result } = s;
  const lines: string[] = [];
  if (s.timedOut) lines.push(colors.yellow('Time is up: the exam was submitted automatically.'));
  if (s.answered < s.items.length) lines.push(`Answered ${s.answered} of ${s.items.length} questions; unanswered ones count as wrong.`);
  lines.push(colors.bold(`Score: ${result.score}/${result.total} (${result.percent}%)`));
  if (result.passed !== null) {
    const scaled = Math.round(result.percent);
    lines.push(
      result.passed ? colors.green(`PASS: ${scaled} on the 0-100 scale; the pass mark is ${EXAM_PASS_MARK}.`) : colors.red(`FAIL: ${scaled} on the 0-100 scale; the pass mark is ${EXAM_PASS_MARK}.`),
      colors.dim(`The pass mark of ${EXAM_PASS_MARK} (0-100 scale) is what Peer Careers Illinois reports for the CRSS exam; confirm it with the ICB, and the real exam's scaling may differ.`),
    );
  }
  lines.push(`Time: ${formatDuration(s.elapsedMs)}`);
  lines.push('By domain:');
  for (const [d, t] of Object.entries(result.byDomain).sort()) lines.push(tallyLine(d, t));
  if (!s.exam) {
    lines.push('By topic:');
    for (const [topic, t] of Object.entries(result.byTopic).sort()) lines.push(tallyLine(topic, t));
  }
  const wrong = s.items.map((item, i) => ({ item, choice: s.choices[i] })).filter(({ item }) => result.missed.includes(item.card.key));
  if (wrong.length > 0) {
    lines.push('', colors.bold(s.exam ? 'Review of wrong answers:' : 'Missed:'));
    for (const { item, choice } of wrong) {
      const right = item.options.indexOf(item.card.answer);
      lines.push(`- ${sanitizeLine(item.card.key)}: ${sanitize(item.card.question)}`);
      lines.push(`  Your answer: ${choice === null || choice === undefined ? 'none' : `${LETTERS[choice]}) ${sanitize(item.options[choice]!)}`}`);
      lines.push(`  Answer: ${LETTERS[right]}) ${sanitize(item.card.answer)}`);
      if (s.exam && item.card.explanation) lines.push(`  ${sanitize(item.card.explanation)}`);
    }
  }
  return lines.join('\n');
}
