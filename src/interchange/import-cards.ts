/**
 * Anki text exports, CSV and TSV into a new crss deck. Every line that cannot become a card is
 * reported with its number; ids are generated from content so that importing again gives the same ids.
 */
import { createHash } from 'node:crypto';
import { basename, extname } from 'node:path';
import { DOMAINS, isDomain, SLUG } from '../deck/model.js';
import { findControlCharacters } from '../deck/text-checks.js';
import { parseDelimited, type Row } from './delimited.js';

export interface ImportedCard {
  id: string;
  topics?: string[];
  domain?: string;
  front?: string;
  back?: string;
  question?: string;
  answer?: string;
  distractors?: string[];
  explanation?: string;
  source?: string;
}

export interface ImportResult {
  deck: { deck: string; title: string; topics?: string[]; cards: ImportedCard[] };
  skipped: { line: number; message: string }[];
  /** What was imported only in part: media and columns crss has no place for (line 0: the whole file). */
  dropped: { line: number; message: string }[];
}

/** The columns a header row may name; others are reported as not imported. */
const NAMED_COLUMNS = ['deck', 'id', 'kind', 'front', 'back', 'question', 'answer', 'distractors', 'explanation', 'topics', 'tags', 'domain', 'source'];

/**
 * A distractors cell: one option a line (what crss export writes, so an option may hold `;`), else
 * options separated by `;` (what is handy to type in a spreadsheet).
 */
export function splitDistractors(cell: string): string[] {
  return cell.split(cell.includes('\n') ? '\n' : ';').map((d) => d.trim()).filter(Boolean);
}

/** The media an Anki field refers to (images, sounds), which a text deck cannot hold. */
function mediaIn(field: string): string[] {
  const images = [...field.matchAll(/<img\b[^>]*?\bsrc\s*=\s*["']?([^"'\s>]+)/gi)].map((m) => `image ${m[1]}`);
  const sounds = [...field.matchAll(/\[sound:([^\]]+)\]/g)].map((m) => `sound ${m[1]}`);
  return [...images, ...sounds];
}

/** The field numbers (1-based) as `field 3` or `fields 3 and 5`. */
function fieldList(columns: number[]): string {
  const numbers = columns.map((c) => String(c + 1));
  return numbers.length === 1 ? `field ${numbers[0]}` : `fields ${numbers.slice(0, -1).join(', ')} and ${numbers.at(-1)}`;
}

const ANKI_SEPARATORS: Record<string, string> = { tab: '\t', comma: ',', semicolon: ';', space: ' ', pipe: '|', colon: ':' };

export function slugify(text: string, maxWords = 6): string {
  const words = text.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, ' ').trim().split(' ').filter(Boolean);
  return words.slice(0, maxWords).join('-');
}

function shortHash(text: string): string {
  return createHash('sha1').update(text).digest('hex').slice(0, 6);
}

function htmlToText(text: string): string {
  return text
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(div|p)>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/\[sound:[^\]]*\]/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .trim();
}

export function importCards(text: string, file: string): ImportResult {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const headers = new Map<string, string>();
  let skip = 0;
  while (skip < lines.length && lines[skip]!.startsWith('#') && lines[skip]!.includes(':')) {
    const line = lines[skip]!.slice(1);
    const colon = line.indexOf(':');
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    skip++;
  }
  const ext = extname(file).toLowerCase();
  const sepHeader = headers.get('separator')?.toLowerCase();
  const separator = sepHeader ? (ANKI_SEPARATORS[sepHeader] ?? sepHeader) : ext === '.csv' ? ',' : ext === '.tsv' || ext === '.txt' ? '\t' : lines[skip]?.includes('\t') ? '\t' : ',';
  const html = headers.get('html') === 'true';
  const rows = parseDelimited(lines.slice(skip).join('\n'), separator, skip + 1);
  const clean = (s: string | undefined) => (s === undefined ? '' : html ? htmlToText(s) : s.trim());
  const name = slugify(basename(file, extname(file)), 8) || 'imported';
  const result: ImportResult = { deck: { deck: name, title: basename(file, extname(file)), cards: [] }, skipped: [], dropped: [] };
  const ids = new Set<string>();
  const uniqueId = (base: string) => {
    let id = base || 'card';
    for (let n = 2; ids.has(id); n++) id = `${base}-${n}`;
    ids.add(id);
    return id;
  };

  const first = rows[0];
  const named = first && first.fields.some((f) => ['front', 'question'].includes(f.trim().toLowerCase()));
  const columns = named ? first.fields.map((f) => f.trim().toLowerCase()) : [];
  const body = named ? rows.slice(1) : rows;
  const tagsColumn = Number(headers.get('tags column') ?? 0) - 1;
  const guidColumn = Number(headers.get('guid column') ?? 0) - 1;
  // Anki's own columns that crss reads or has no use for; any other non-empty field is reported.
  const ankiColumns = new Set([0, 1, tagsColumn, guidColumn, Number(headers.get('deck column') ?? 0) - 1, Number(headers.get('notetype column') ?? 0) - 1]);
  const droppedColumns = new Set<number>();
  let rowsWithDroppedFields = 0;
  if (named) {
    const unknown = columns.filter((c) => c !== '' && !NAMED_COLUMNS.includes(c));
    if (unknown.length > 0) result.dropped.push({ line: first.line, message: `column${unknown.length === 1 ? '' : 's'} ${unknown.map((c) => `'${c}'`).join(', ')} not imported: crss cards have no such field` });
  }
  const decks = new Set<string>();
  const topicsOf = (text: string) => [...new Set(text.split(/\s+/).map((t) => slugify(t.replace(/::/g, ' '), 10)).filter((t) => t && SLUG.test(t)))];

  for (const row of body) {
    const get = (col: string) => clean(row.fields[columns.indexOf(col)]);
    const problem = controlProblem(row);
    if (problem) {
      result.skipped.push({ line: row.line, message: problem });
      continue;
    }
    const media = row.fields.flatMap(mediaIn);
    if (media.length > 0) result.dropped.push({ line: row.line, message: `media left out (${media.join(', ')}): crss decks hold text only` });
    let card: ImportedCard;
    if (named) {
      const question = get('question');
      const front = get('front');
      const declaredId = get('id');
      if (get('deck')) decks.add(get('deck'));
      const topics = topicsOf(get('topics') || get('tags'));
      const domain = get('domain');
      const extras = {
        ...(topics.length ? { topics } : {}),
        ...(domain && isDomain(domain) ? { domain } : {}),
        ...(get('source') ? { source: get('source') } : {}),
      };
      if (question) {
        const distractors = splitDistractors(row.fields[columns.indexOf('distractors')] ?? '');
        if (!get('answer') || distractors.length === 0) {
          result.skipped.push({ line: row.line, message: 'a question needs an answer and at least one distractor' });
          continue;
        }
        const id = uniqueId(SLUG.test(declaredId) ? declaredId : `${slugify(question)}-${shortHash(question)}`);
        card = { id, question, answer: get('answer'), distractors, ...(get('explanation') ? { explanation: get('explanation') } : {}), ...extras };
      } else {
        if (!front || !get('back')) {
          result.skipped.push({ line: row.line, message: 'needs a front and a back' });
          continue;
        }
        const id = uniqueId(SLUG.test(declaredId) ? declaredId : `${slugify(front)}-${shortHash(front)}`);
        card = { id, front, back: get('back'), ...extras };
      }
    } else {
      const extra = row.fields.map((field, column) => (!ankiColumns.has(column) && field.trim() !== '' ? column : -1)).filter((c) => c >= 0);
      for (const column of extra) droppedColumns.add(column);
      if (extra.length > 0) rowsWithDroppedFields++;
      const front = clean(row.fields[0]);
      // crss's own Anki export puts a flashcard's source at the end of its back.
      const [, back, source] = /^([\s\S]*?)(?:\n\nSource: (\S+))?$/.exec(clean(row.fields[1]))!;
      if (!front || !back) {
        result.skipped.push({ line: row.line, message: `needs a front and a back (found ${row.fields.filter((f) => f.trim()).length} non-empty field${row.fields.length === 1 ? '' : 's'})` });
        continue;
      }
      const guid = guidColumn >= 0 ? row.fields[guidColumn]?.trim() : undefined;
      const id = uniqueId(`${slugify(front)}-${shortHash(guid || front)}`);
      const topics = tagsColumn >= 0 ? topicsOf(row.fields[tagsColumn] ?? '') : [];
      const domain = topics.find((t) => (DOMAINS as readonly string[]).includes(t));
      card = { id, front, back: back!, ...(topics.length ? { topics } : {}), ...(domain ? { domain } : {}), ...(source ? { source } : {}) };
    }
    result.deck.cards.push(card);
  }
  if (droppedColumns.size > 0) {
    const cols = [...droppedColumns].sort((a, b) => a - b);
    const lines = rowsWithDroppedFields;
    result.dropped.push({ line: 0, message: `${fieldList(cols)} of ${lines} line${lines === 1 ? '' : 's'} not imported: crss reads the front, the back, the tags and the guid` });
  }
  if (decks.size === 1) {
    const only = [...decks][0]!;
    if (SLUG.test(only)) result.deck.deck = only;
  }
  return result;
}

function controlProblem(row: Row): string | undefined {
  for (const field of row.fields) {
    const found = findControlCharacters(field.replace(/\r/g, ''), 1)[0];
    if (found) return found.message;
  }
  return undefined;
}
