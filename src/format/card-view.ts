/** `crss search` results and `crss show`'s whole card, in 80 columns. Deck text is sanitized here. */
import type { CardStatus } from '../core/card-search.js';
import { formatDateTime, formatInterval } from '../core/day.js';
import { RATING_NAMES, type HistoryEvent } from '../core/events.js';
import type { Card } from '../deck/model.js';
import { sanitize, sanitizeLine } from '../terminal/sanitize.js';
import { clip, wrapWords } from './wrap-words.js';

const when = (iso: string) => formatDateTime(new Date(iso));

/** `review · suspended (leech)`, `new`, `learning · buried until ...`. */
export function formatStatusLine(status: CardStatus, now: Date): string {
  const parts: string[] = [status.state];
  if (status.suspended) parts.push(status.suspended === 'leech' ? 'suspended (leech)' : 'suspended');
  if (status.buriedUntil) parts.push(`buried until ${when(status.buriedUntil)}`);
  if (status.due && !status.suspended) parts.push(Date.parse(status.due) <= now.getTime() ? 'due now' : `due ${when(status.due)}`);
  return parts.join(' · ');
}

function promptOf(card: Card): string {
  return card.kind === 'flashcard' ? card.front : card.question;
}

export function formatSearchResults(cards: Card[], status: (card: Card) => CardStatus, now: Date): string {
  if (cards.length === 0) return 'No cards match.';
  const lines: string[] = [];
  for (const card of cards) {
    lines.push(clip(sanitizeLine(`${card.key} · ${card.kind} · ${formatStatusLine(status(card), now)}`)));
    lines.push(clip(`  ${sanitizeLine(promptOf(card))}`));
  }
  lines.push(`${cards.length} card${cards.length === 1 ? '' : 's'} (crss show DECK/ID shows one whole).`);
  return lines.join('\n');
}

/** One labelled block: `Label: text`, wrapped with a hanging indent. */
function block(label: string, text: string): string[] {
  return wrapWords(sanitize(`${label}${text}`), '', '   ');
}

function describeEvent(e: HistoryEvent, undone: ReadonlySet<string>): string {
  const mark = undone.has(e.id) ? ' (undone)' : '';
  switch (e.type) {
    case 'review': {
      const next = formatInterval(Date.parse(e.after.due) - Date.parse(e.time));
      return `study   ${RATING_NAMES[e.rating - 1]}, next in ${next}${mark}`;
    }
    case 'cram':
      return `cram    ${RATING_NAMES[e.rating - 1]}${mark}`;
    case 'quiz':
      return `quiz    ${e.chosen === null ? 'unanswered' : e.correct ? 'right' : 'wrong'} (${e.quizMode})`;
    case 'undo':
      return 'undo    the rating before';
    case 'suspend':
      return `suspend${e.reason === 'leech' ? ' (leech)' : ''}`;
    case 'unsuspend':
      return 'unsuspend';
    case 'bury':
      return `bury    until ${when(e.until)}`;
    case 'forget':
      return 'forget  (crss prune)';
  }
}

export interface CardViewInput {
  card: Card;
  file: string;
  status: CardStatus;
  stability?: number;
  difficulty?: number;
  reps?: number;
  lapses?: number;
  history: HistoryEvent[];
  undone: ReadonlySet<string>;
  now: Date;
}

export function formatCardView(v: CardViewInput): string {
  const { card } = v;
  const out = [sanitizeLine(`${card.key} · ${card.kind} · ${v.file}:${card.line}`)];
  out.push(...wrapWords(sanitizeLine(`topics: ${card.topics.join(', ') || 'none'} · domain: ${card.domain ?? 'none'}`), '', '  '), '');
  if (card.kind === 'flashcard') {
    out.push(...block('Front: ', card.front), ...block('Back: ', card.back));
  } else {
    out.push(...block('Q: ', card.question), ...block('Answer: ', card.answer));
    for (const d of card.distractors) out.push(...block('Wrong: ', d));
    if (card.explanation) out.push(...block('Why: ', card.explanation));
  }
  if (card.source) out.push(...block('Source: ', card.source));
  out.push('', `State: ${formatStatusLine(v.status, v.now)}`);
  if (v.stability !== undefined) {
    out.push(`  stability ${v.stability.toFixed(1)} d · difficulty ${v.difficulty!.toFixed(1)} · ${v.reps} review${v.reps === 1 ? '' : 's'} · ${v.lapses} lapse${v.lapses === 1 ? '' : 's'}`);
  }
  out.push('', v.history.length === 0 ? 'History: none yet' : `History (${v.history.length} event${v.history.length === 1 ? '' : 's'}, oldest first)`);
  for (const e of v.history) out.push(`  ${when(e.time).padEnd(23)} ${describeEvent(e, v.undone)}`);
  return out.join('\n');
}
