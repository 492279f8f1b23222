/** Quiz screens and results as strings. */
import { formatDuration } from '../core/day.js';
import { EXAM_PASS_MARK, EXAM_SECONDS_PER_QUESTION, type QuizItem, type QuizResult, type Tally } from '../core/quiz.js';
import { LETTERS } from '../core/random.js';
import type { Colors } from '../terminal/color.js';
import { sanitize, sanitizeLine } from '../terminal/sanitize.js';

/**
 * A question as asked. The header names the deck, never the card id: an id such as
 * `recovery-support/consensus-self-direction` often names the answer, so it is shown only with the
 * feedback, in the review at the end and in --json.
 */
export function formatQuestion(item: QuizItem, position: number, total: number, colors: Colors, marks: { chosen?: number | null; flagged?: boolean } = {}): string {
  const header = `[${position}/${total}] ${colors.dim(sanitizeLine(item.card.deck))}${marks.flagged ? ' ⚑ flagged' : ''}`;
  const options = item.options.map((o, i) => `${marks.chosen === i ? '>' : ' '} ${LETTERS[i]}) ${sanitize(o)}`);
  return [header, `Q: ${sanitize(item.card.question)}`, ...options].join('\n');
}

export function formatFeedback(item: QuizItem, choice: number, colors: Colors): string {
  const right = item.options.indexOf(item.card.answer);
  const lines = [
    (choice === right ? colors.green('Correct.') : colors.red(`Wrong. The answer is ${LETTERS[right]}) ${sanitize(item.card.answer)}`)) + colors.dim(` · ${sanitizeLine(item.card.key)}`),
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

/** Each question as asked, for --json: its id (shown only now, after the answers), and what was chosen. */
export function quizItemsJson(items: QuizItem[], choices: (number | null | undefined)[]): { id: string; topics: string[]; domain: string | null; correct: boolean; chosen: string | null; answer: string }[] {
  return items.map((item, i) => {
    const choice = choices[i];
    const chosen = choice === null || choice === undefined ? null : item.options[choice]!;
    return { id: item.card.key, topics: item.card.topics, domain: item.card.domain ?? null, correct: chosen === item.card.answer, chosen, answer: item.card.answer };
  });
}

/** A word as a POSIX shell reads it back unchanged: bare when it is safe, else in single quotes. */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9._+=:,@%/-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The seed line every quiz ends with: a seed as typed can hold spaces or quotes, so it is quoted. */
export function repeatHint(seed: string): string {
  const quoted = shellQuote(sanitizeLine(seed));
  return `Seed: ${quoted} (crss quiz --seed ${quoted} with the same options repeats this quiz)`;
}

/** What an exam is, before its clock starts. */
export function formatExamStart(questions: number, colors: Colors): string {
  const minutes = Math.round((questions * EXAM_SECONDS_PER_QUESTION) / 60);
  return [
    colors.bold('Practice exam'),
    '',
    `  ${questions} multiple-choice questions, ${minutes} minutes (${EXAM_SECONDS_PER_QUESTION} seconds a question).`,
    `  Pass mark: ${EXAM_PASS_MARK} on a 0-100 scale. No feedback until you submit;`,
    '  the exam submits itself when time is up.',
    '',
    '  Keys: A-F answer (you can change it) · n/→ next · p/← previous',
    '        f flag · u next unanswered · s submit',
    '',
    'Press Enter to start the clock, or q to leave without an attempt.',
  ].join('\n');
}
