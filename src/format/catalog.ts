/** Text tables for `crss decks` and `crss topics`. */
import type { DeckSummary, TopicSummary } from '../core/catalog.js';
import { sanitizeLine } from '../terminal/sanitize.js';
import type { Colors } from '../terminal/color.js';
import { wrapWords } from './wrap-words.js';

function table(rows: string[][], align: ('l' | 'r')[]): string[] {
  const widths = align.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) =>
    r
      .map((cell, i) => (align[i] === 'r' ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd(),
  );
}

/** One row of numbers per deck, then its title, file and domains beneath it, within 80 columns. */
export function formatDecks(decks: DeckSummary[], colors: Colors, displayPath: (file: string) => string): string {
  const rows = [['DECK', 'FLASHCARDS', 'QUESTIONS'], ...decks.map((d) => [d.deck, String(d.flashcards), String(d.questions)].map(sanitizeLine))];
  const lines = table(rows, ['l', 'r', 'r']);
  const out = [colors.bold(lines[0]!)];
  decks.forEach((d, i) => {
    out.push(lines[i + 1]!);
    for (const line of wrapWords(sanitizeLine(d.title), '  ', '  ')) out.push(line);
    for (const line of wrapWords(sanitizeLine(`${displayPath(d.file)} · domains: ${d.domains.join(', ') || 'none'}`), '  ', '  ')) out.push(colors.dim(line));
  });
  return out.join('\n');
}

export function formatTopics(topics: TopicSummary[], colors: Colors): string {
  const rows = [['TOPIC', 'FLASHCARDS', 'QUESTIONS'], ...topics.map((t) => [sanitizeLine(t.topic), String(t.flashcards), String(t.questions)])];
  const lines = table(rows, ['l', 'r', 'r']);
  return [colors.bold(lines[0]!), ...lines.slice(1)].join('\n');
}
