/**
 * A cache of parsed decks, so that start-up pays neither for reading big decks nor for the YAML
 * parser (~160 ms for 300 cards, see pitfalls) when nothing changed. An entry is keyed by the deck
 * file's size, modification and change times and inode: any write or replacement of the file changes
 * its change time, which no tool can set back. It is only a cache: any problem reading it means parsing
 * again. Validation never uses it.
 *
 * An entry is one file of lines:
 *   1. the key;
 *   2. the index, JSON: the deck, its problems, and per card what choosing cards needs (id, line, kind,
 *      topics and domain where they differ from the deck's) plus the byte length of its text line;
 *   3. one JSON line per card with its text (front/back or question/answer/distractors/explanation,
 *      and source), parsed only when something reads it.
 * A session shows a few dozen cards out of thousands, so start-up parses the small index only: with
 * 20,000 cards the index parses in about 4 ms where the whole deck took about 23 ms.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { crcHex } from '../core/crc32.js';
import { CrssError } from '../errors.js';
import type { Card, Deck, Domain, Flashcard, Problem, Question } from './model.js';
import type { ParseResult } from './parse-deck.js';

/** Bump when the parser's output or this file's layout changes shape or meaning. */
const PARSER_VERSION = 3;

export interface DeckCache {
  get(file: string, stat: Stats): ParseResult | undefined;
  set(file: string, stat: Stats, result: ParseResult): void;
}

function fileKey(stat: Stats, salt: string): string {
  return `v${PARSER_VERSION} ${salt} ${stat.size} ${stat.mtimeMs} ${stat.ctimeMs} ${stat.ino}`;
}

/** One cache file per deck file, named after the deck file's path. */
function entryName(file: string): string {
  return `${crcHex(file)}-${file.replace(/[^A-Za-z0-9]+/g, '-').slice(-80)}.cache`;
}

type DeckHead = Omit<Deck, 'cards'>;
/** id, line, 0 flashcard / 1 question, topics if not the deck's, domain if not the deck's, text bytes. */
type CardIndex = [string, number, 0 | 1, string[] | null, Domain | null, number];

interface Index {
  deck: DeckHead | null;
  problems: Problem[];
  cards: CardIndex[];
  /** Bytes of the whole entry, so that a cut-off file is noticed before any text is read. */
  bytes: number;
}

type FlashText = Pick<Flashcard, 'front' | 'back' | 'source'>;
type QuestionText = Pick<Question, 'question' | 'answer' | 'distractors' | 'explanation' | 'source'>;

function textOf(card: Card): FlashText | QuestionText {
  return card.kind === 'flashcard'
    ? { front: card.front, back: card.back, ...(card.source ? { source: card.source } : {}) }
    : { question: card.question, answer: card.answer, distractors: card.distractors, ...(card.explanation !== undefined ? { explanation: card.explanation } : {}), ...(card.source ? { source: card.source } : {}) };
}

function withoutCards({ cards: _cards, ...head }: Deck): DeckHead {
  return head;
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

export function encodeEntry(key: string, result: ParseResult): string {
  const { deck, problems } = result;
  const texts = (deck?.cards ?? []).map((c) => JSON.stringify(textOf(c)));
  const cards = (deck?.cards ?? []).map((c, i): CardIndex => [
    c.id,
    c.line,
    c.kind === 'flashcard' ? 0 : 1,
    sameList(c.topics, deck!.topics) ? null : c.topics,
    c.domain === deck!.domain ? null : (c.domain ?? null),
    Buffer.byteLength(texts[i]!),
  ]);
  const head: DeckHead | null = deck ? withoutCards(deck) : null;
  const body = texts.map((t) => `${t}\n`).join('');
  // The index states the entry's total size, which includes the index itself: settle it by trying.
  let index = '';
  for (let bytes = 0, last = -1; bytes !== last; ) {
    last = bytes;
    index = JSON.stringify({ deck: head, problems, cards, bytes } satisfies Index);
    bytes = Buffer.byteLength(`${key}\n${index}\n`) + Buffer.byteLength(body);
  }
  return `${key}\n${index}\n${body}`;
}

/** The texts of one entry's cards, each parsed from its line when first read. */
class CardTexts {
  private readonly starts: Int32Array;
  private readonly parsed: (FlashText | QuestionText | undefined)[];

  constructor(
    private readonly bytes: Buffer,
    firstLine: number,
    lengths: number[],
    private readonly path: string,
  ) {
    this.starts = new Int32Array(lengths.length);
    let at = firstLine;
    lengths.forEach((n, i) => {
      this.starts[i] = at;
      at += n + 1;
    });
    this.parsed = new Array(lengths.length);
  }

  get<T extends FlashText | QuestionText>(i: number): T {
    let text = this.parsed[i];
    if (text === undefined) {
      const start = this.starts[i]!;
      const end = this.bytes.indexOf(10, start);
      try {
        text = JSON.parse(this.bytes.toString('utf8', start, end)) as FlashText | QuestionText;
      } catch {
        // Written atomically and checked for length, so only outside damage gets here.
        throw new CrssError(`the deck cache ${this.path} is damaged; delete it and crss will rebuild it`);
      }
      this.parsed[i] = text;
    }
    return text as T;
  }
}

class CachedFlashcard implements Flashcard {
  readonly kind = 'flashcard';
  constructor(
    readonly deck: string,
    readonly id: string,
    readonly key: string,
    readonly topics: string[],
    readonly line: number,
    readonly domain: Domain | undefined,
    private readonly texts: CardTexts,
    private readonly n: number,
  ) {}
  get front() {
    return this.texts.get<FlashText>(this.n).front;
  }
  get back() {
    return this.texts.get<FlashText>(this.n).back;
  }
  get source() {
    return this.texts.get<FlashText>(this.n).source;
  }
}

class CachedQuestion implements Question {
  readonly kind = 'question';
  constructor(
    readonly deck: string,
    readonly id: string,
    readonly key: string,
    readonly topics: string[],
    readonly line: number,
    readonly domain: Domain | undefined,
    private readonly texts: CardTexts,
    private readonly n: number,
  ) {}
  get question() {
    return this.texts.get<QuestionText>(this.n).question;
  }
  get answer() {
    return this.texts.get<QuestionText>(this.n).answer;
  }
  get distractors() {
    return this.texts.get<QuestionText>(this.n).distractors;
  }
  get explanation() {
    return this.texts.get<QuestionText>(this.n).explanation;
  }
  get source() {
    return this.texts.get<QuestionText>(this.n).source;
  }
}

/** The parse result an entry holds, or undefined if it is not one this version wrote whole. */
export function decodeEntry(bytes: Buffer, key: string, path: string): ParseResult | undefined {
  const keyEnd = bytes.indexOf(10);
  if (keyEnd === -1 || bytes.toString('utf8', 0, keyEnd) !== key) return undefined;
  const indexEnd = bytes.indexOf(10, keyEnd + 1);
  if (indexEnd === -1) return undefined;
  const index = JSON.parse(bytes.toString('utf8', keyEnd + 1, indexEnd)) as Index;
  if (index.bytes !== bytes.length) return undefined;
  if (index.deck === null) return { deck: null, problems: index.problems };
  const head = index.deck;
  const texts = new CardTexts(bytes, indexEnd + 1, index.cards.map((c) => c[5]), path);
  const cards = index.cards.map(([id, line, kind, topics, domain], n): Card => {
    const Kind = kind === 0 ? CachedFlashcard : CachedQuestion;
    return new Kind(head.id, id, `${head.id}/${id}`, topics ?? head.topics, line, domain ?? head.domain, texts, n);
  });
  return { deck: { ...head, cards }, problems: index.problems };
}

/** `salt` is crss's version: an upgrade never reads entries written by another version's parser. */
export function fileDeckCache(dir: string, salt: string): DeckCache {
  const entryPath = (file: string) => join(dir, entryName(file));
  return {
    get(file, stat) {
      const path = entryPath(file);
      try {
        return decodeEntry(readFileSync(path), fileKey(stat, salt), path);
      } catch {
        return undefined;
      }
    },
    set(file, stat, result) {
      try {
        mkdirSync(dir, { recursive: true });
        const path = entryPath(file);
        const tmp = `${path}.${process.pid}.tmp`;
        writeFileSync(tmp, encodeEntry(fileKey(stat, salt), result));
        renameSync(tmp, path);
      } catch {
        // A cache that cannot be written only costs speed next time.
      }
    },
  };
}
