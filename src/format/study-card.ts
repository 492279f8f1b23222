/** The study screens as strings: a card's prompt, its answer, the rating keys, status and summary. */
import type { Current, QueueKind, SessionStats } from '../core/study-session.js';
import { formatDateTime, formatDuration, formatInterval } from '../core/day.js';
import type { CardSchedule, Rating } from '../core/events.js';
import { LETTERS, seedFrom, seededRandom, shuffleOptions } from '../core/random.js';
import type { Card, Question } from '../deck/model.js';
import type { Colors } from '../terminal/color.js';
import { sanitize, sanitizeLine } from '../terminal/sanitize.js';

export const RATING_LABELS: Record<Rating, string> = { 1: 'Again', 2: 'Hard', 3: 'Good', 4: 'Easy' };

/** A question's options in an order fixed per card, so the letters stay put between sessions. */
export function studyOptions(card: Question): string[] {
  return shuffleOptions(card.answer, card.distractors, seededRandom(seedFrom(card.key)));
}

/** A question card's id often names its answer: until the answer is shown, its header names only the deck. */
export function formatCardHeader(current: Current, colors: Colors): string {
  const kind: Record<QueueKind, string> = { new: 'new', learning: 'learning', review: 'review' };
  const name = current.card.kind === 'question' ? current.card.deck : current.card.key;
  return `[${current.position}/${current.total}] ${colors.dim(sanitizeLine(name))} · ${kind[current.kind]}`;
}

export function formatPrompt(card: Card, colors: Colors): string {
  if (card.kind === 'flashcard') return `${colors.bold('Q:')} ${sanitize(card.front)}`;
  const options = studyOptions(card).map((o, i) => `  ${LETTERS[i]}) ${sanitize(o)}`);
  return [`${colors.bold('Q:')} ${sanitize(card.question)}`, ...options].join('\n');
}

export function formatAnswer(card: Card, colors: Colors): string {
  const lines: string[] = [];
  if (card.kind === 'flashcard') {
    lines.push(`${colors.bold('A:')} ${colors.green(sanitize(card.back))}`);
  } else {
    const letter = LETTERS[studyOptions(card).indexOf(card.answer)];
    lines.push(`${colors.bold('A:')} ${colors.green(`${letter}) ${sanitize(card.answer)}`)}`);
    if (card.explanation) lines.push(`   ${sanitize(card.explanation)}`);
  }
  if (card.source) lines.push(colors.dim(`Source: ${sanitizeLine(card.source)}`));
  if (card.kind === 'question') lines.push(colors.dim(`Card: ${sanitizeLine(card.key)}`));
  return lines.join('\n');
}

/** Right or wrong, for a question card answered by its letter in study (the answer itself follows). */
export function formatLetterFeedback(card: Question, choice: number, colors: Colors): string {
  const options = studyOptions(card);
  if (options[choice] === card.answer) return colors.green(`Right: ${LETTERS[choice]}) ${sanitize(card.answer)}`);
  return colors.red(`Wrong: you chose ${LETTERS[choice]}) ${sanitize(options[choice]!)}`);
}

/** `1 Again   2 Hard · 6m   3 Good · 10m   4 Easy · 8d` (intervals absent in cram). */
export function formatRatingKeys(preview: Record<Rating, CardSchedule> | null, now: Date, colors: Colors): string {
  const ratings: Rating[] = [1, 2, 3, 4];
  return ratings
    .map((r) => {
      const interval = preview ? ` · ${formatInterval(new Date(preview[r].due).getTime() - now.getTime())}` : '';
      return `${colors.bold(String(r))} ${RATING_LABELS[r]}${interval}`;
    })
    .join('   ');
}

export function formatStatus(current: Current, counts: Record<QueueKind, number>, elapsedMs: number): string {
  return `${current.position}/${current.total} · new ${counts.new} · learning ${counts.learning} · review ${counts.review} · ${formatDuration(elapsedMs)}`;
}

/** When the daily new-card limit held cards back: how many, and how to get more. */
export function formatNewLimit(heldBack: number, newPerDay: number): string {
  const more = Math.min(heldBack, Math.max(newPerDay, 1));
  return [
    `The limit of ${newPerDay} new card${newPerDay === 1 ? '' : 's'} a day is reached; ${heldBack} more ${heldBack === 1 ? 'is' : 'are'} waiting.`,
    `For ${more} more today: crss study --new ${newPerDay + more}. To change the limit: crss config set new-per-day N.`,
  ].join('\n');
}

export interface SummaryInput {
  stats: SessionStats;
  elapsedMs: number;
  cram: boolean;
  laterToday: number;
  /** The earliest due time among the cards studied, after the session. */
  nextDue?: Date;
  now: Date;
  examDate?: string;
  /** Missed quiz questions still waiting for a review. */
  missedWaiting?: number;
}

export function formatSummary(s: SummaryInput, colors: Colors): string {
  const { stats } = s;
  const againShare = stats.reviewed === 0 ? 0 : Math.round((stats.again / stats.reviewed) * 100);
  const lines = [
    colors.bold(s.cram ? 'Cram session over.' : 'Session over.'),
    `Cards reviewed: ${stats.reviewed} (${againShare}% Again)`,
    `Time spent: ${formatDuration(s.elapsedMs)}`,
  ];
  if (s.cram) lines.push('Cram answers are logged; no schedule changed.');
  if (stats.suspended > 0) lines.push(`Suspended: ${stats.suspended}`);
  if (stats.buried > 0) lines.push(`Buried until tomorrow: ${stats.buried}`);
  for (const key of stats.leeches) lines.push(colors.yellow(`Leech: ${sanitizeLine(key)} was forgotten 8 times and is now suspended; rewrite it, then crss unsuspend ${sanitizeLine(key)}`));
  if (s.missedWaiting) lines.push(`Missed quiz questions waiting for study: ${s.missedWaiting}`);
  if (s.laterToday > 0) lines.push(`Learning cards due again later today: ${s.laterToday}`);
  if (s.nextDue) lines.push(`Next due: in ${formatInterval(s.nextDue.getTime() - s.now.getTime())} (${formatDateTime(s.nextDue)})`);
  if (s.examDate) lines.push(`Exam on ${s.examDate}: intervals are capped so every card studied comes up again before it.`);
  return lines.join('\n');
}
