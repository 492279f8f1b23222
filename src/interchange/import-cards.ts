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
  const result: ImportResult = { deck: { deck: name, title: basename(file, extname(file)), cards: [] }, skipped: [] };
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
  const decks = new Set<string>();
  const topicsOf = (text: string) => [...new Set(text.split(/\s+/).map((t) => slugify(t.replace(/::/g, ' '), 10)).filter((t) => t && SLUG.test(t)))];

  for (const row of body) {
    const get = (col: string) => clean(row.fields[columns.indexOf(col)]);
    const problem = controlProblem(row);
    if (problem) {
      result.skipped.push({ line: row.line, message: problem });
      continue;
    }
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
        const distractors = (row.fields[columns.indexOf('distractors')] ?? '').split('\n').map((d) => d.trim()).filter(Boolean);
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
      const front = clean(row.fields[0]);
      const back = clean(row.fields[1]);
      if (!front || !back) {
        result.skipped.push({ line: row.line, message: `needs a front and a back (found ${row.fields.filter((f) => f.trim()).length} non-empty field${row.fields.length === 1 ? '' : 's'})` });
        continue;
      }
      const guid = guidColumn >= 0 ? row.fields[guidColumn]?.trim() : undefined;
      const id = uniqueId(`${slugify(front)}-${shortHash(guid || front)}`);
      const topics = tagsColumn >= 0 ? topicsOf(row.fields[tagsColumn] ?? '') : [];
      const domain = topics.find((t) => (DOMAINS as readonly string[]).includes(t));
      card = { id, front, back, ...(topics.length ? { topics } : {}), ...(domain ? { domain } : {}) };
    }
    result.deck.cards.push(card);
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
