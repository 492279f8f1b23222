/**
 * A cache of parsed decks, so that start-up pays neither for reading big decks nor for the YAML
 * parser (~160 ms for 300 cards, see pitfalls) when nothing changed. An entry is keyed by the deck
 * file's size, modification and change times and inode: any write or replacement of the file changes
 * its change time, which no tool can set back. It is only a cache: any problem reading it means parsing
 * again. Validation never uses it.
 *
 * An entry is one file:
 *   1. the key, a tab, and the byte lengths of parts 2, 3 and 4 (space-separated);
 *   2. the index, JSON: the deck (with its map of former card ids), its problems, the domains of cards whose domain is not the deck's, the
 *      distinct topic lists of cards whose topics are not the deck's, and one kind letter per card;
 *   3. columns of uint32 (this machine's byte order: a cache is only read where it was written), one
 *      value per card each: where its key ends in part 4, its line, its topic list (0: the deck's), the
 *      bytes of its text line;
 *   4. the cards' keys (deck/id, ASCII slugs) one after another;
 *   5. one JSON line per card with its text (front/back or question/answer/distractors/explanation,
 *      and source), read and parsed only when something reads it.
 * A session shows a few dozen cards out of thousands, so start-up reads parts 1 to 4 only: with 20,000
 * cards about 0.6 MB of a 5 MB entry. Columns and keys stay out of the JSON because everything JSON.parse
 * makes is young garbage-collected memory, and start-up stays under the first collection (0.9 ms) only
 * if it allocates little: as JSON, the bundled decks' index alone was a third of that budget.
 */
import { closeSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, renameSync, writeFileSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { crcHex } from '../core/crc32.js';
import type { DeckFile } from './deck-files.js';
import { CrssError } from '../errors.js';
import { keysOf, type Card, type Deck, type Domain, type Flashcard, type KeyList, type Problem, type Question } from './model.js';
import type { ParseResult } from './parse-deck.js';

/** Bump when the parser's output or this file's layout changes shape or meaning. */
const PARSER_VERSION = 11;

export interface DeckCache {
  get(file: string, stat: Stats): ParseResult | undefined;
  set(file: string, stat: Stats, result: ParseResult): void;
  /** Every file's result from the library entry, when it was written for exactly these files as they are. */
  getAll(files: readonly DeckFile[]): ParseResult[] | undefined;
  /** Writes the library entry for these files from their own entries (after a load that missed). */
  setAll(files: readonly DeckFile[]): void;
}

function fileKey(stat: Stats, salt: string): string {
  return `v${PARSER_VERSION} ${salt} ${stat.size} ${stat.mtimeMs} ${stat.ctimeMs} ${stat.ino}`;
}

/** One cache file per deck file, named after the deck file's path. */
function entryName(file: string): string {
  return `${crcHex(file)}-${file.replace(/[^A-Za-z0-9]+/g, '-').slice(-80)}.cache`;
}

type DeckHead = Omit<Deck, 'cards'>;

/** Part 2 of an entry. */
interface Index {
  deck: DeckHead | null;
  problems: Problem[];
  /** One character per card: f flashcard, q question. */
  kinds: string;
  /** The topic lists of cards whose topics are not the deck's; column TOPICS holds 1 + a list's position. */
  topicLists: string[][];
  /** Domains of the cards whose domain is not the deck's (null for none), by position. */
  domains: Record<number, Domain | null>;
  /** Bytes of the whole entry, so that a cut-off file is noticed before any text is read. */
  bytes: number;
}

/** The columns of part 3, in order. */
const KEY_ENDS = 0;
const LINES = 1;
const TOPICS = 2;
const TEXT_BYTES = 3;
const COLUMNS = 4;

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

function runningTotals(values: number[]): number[] {
  let total = 0;
  return values.map((v) => (total += v));
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

export function encodeEntry(key: string, result: ParseResult): Buffer {
  const { deck, problems } = result;
  const cards = deck?.cards ?? [];
  const texts = cards.map((c) => JSON.stringify(textOf(c)));
  const topicLists: string[][] = [];
  const listOf = new Map<string, number>();
  const domains: Index['domains'] = {};
  const topicColumn = cards.map((c, i) => {
    if (c.domain !== deck!.domain) domains[i] = c.domain ?? null;
    if (sameList(c.topics, deck!.topics)) return 0;
    const name = JSON.stringify(c.topics);
    let at = listOf.get(name);
    if (at === undefined) listOf.set(name, (at = topicLists.push(c.topics)));
    return at;
  });
  const columns = new Uint32Array(COLUMNS * cards.length);
  const put = (column: number, values: number[]) => columns.set(values, column * cards.length);
  put(KEY_ENDS, runningTotals(cards.map((c) => c.key.length)));
  put(LINES, cards.map((c) => c.line));
  put(TOPICS, topicColumn);
  put(TEXT_BYTES, texts.map((t) => Buffer.byteLength(t)));
  const columnBytes = Buffer.from(columns.buffer, columns.byteOffset, columns.byteLength);
  const keyText = Buffer.from(cards.map((c) => c.key).join(''), 'latin1');
  const body = Buffer.from(texts.map((t) => `${t}\n`).join(''));
  const index: Omit<Index, 'bytes'> = { deck: deck ? withoutCards(deck) : null, problems, kinds: cards.map((c) => (c.kind === 'flashcard' ? 'f' : 'q')).join(''), topicLists, domains };
  // The index states the entry's total size, which includes the index itself: settle it by trying.
  let json = '';
  let head = '';
  for (let bytes = 0, last = -1; bytes !== last; ) {
    last = bytes;
    json = `${JSON.stringify({ ...index, bytes } satisfies Index)}\n`;
    head = `${key}\t${Buffer.byteLength(json)} ${columnBytes.length} ${keyText.length}\n`;
    bytes = Buffer.byteLength(head) + Buffer.byteLength(json) + columnBytes.length + keyText.length + body.length;
  }
  return Buffer.concat([Buffer.from(head + json), columnBytes, keyText, body]);
}

/**
 * The texts of one entry's cards, each read and parsed from its line when first asked for. The entry
 * stays open: a newer entry renamed over its path does not change what this one reads.
 */
class CardTexts {
  /** Where each line starts, worked out at the first read (most decks loaded are never shown). */
  private starts: Float64Array | undefined;
  private readonly parsed = new Map<number, FlashText | QuestionText>();

  constructor(
    private readonly entry: EntryBytes,
    private readonly firstLine: number,
    private readonly lengths: Uint32Array,
    private readonly path: string,
  ) {}

  get<T extends FlashText | QuestionText>(i: number): T {
    let text = this.parsed.get(i);
    if (text === undefined) {
      if (!this.starts) {
        this.starts = new Float64Array(this.lengths.length);
        for (let at = this.firstLine, n = 0; n < this.lengths.length; at += this.lengths[n]! + 1, n++) this.starts[n] = at;
      }
      try {
        text = JSON.parse(this.entry(this.starts[i]!, this.lengths[i]!).toString('utf8')) as FlashText | QuestionText;
      } catch {
        // Written atomically and checked for length, so only outside damage gets here.
        throw new CrssError(`the deck cache ${this.path} is damaged; delete it and crss will rebuild it`);
      }
      this.parsed.set(i, text);
    }
    return text as T;
  }
}

/** One entry's decoded index, shared by its cards, which read their fields from it when asked. */
class CachedDeck {
  constructor(
    readonly head: DeckHead,
    /** One character per card: f flashcard, q question. */
    readonly kinds: string,
    /** Kept as one string: a card makes its key when asked. */
    readonly keys: KeyList,
    readonly lines: Uint32Array,
    /** Per card: 0 for the deck's topics, else 1 + its list's position in topicLists. */
    readonly topicOf: Uint32Array,
    readonly topicLists: string[][],
    readonly domains: Index['domains'],
    readonly texts: CardTexts,
  ) {}
}

/**
 * A card of a cached deck: its position and its deck, every field read from them when asked for, so
 * that a deck of 20,000 cards keeps 20,000 two-field objects alive (garbage collection at start-up costs
 * more than reading through them). One class for both kinds, so that making one is one constructor
 * call; `kind` tells which getters apply, as it does for any Card.
 */
class CachedCard {
  constructor(
    private readonly from: CachedDeck,
    private readonly n: number,
  ) {}
  get kind(): Card['kind'] {
    return this.from.kinds[this.n] === 'f' ? 'flashcard' : 'question';
  }
  get deck(): string {
    return this.from.head.id;
  }
  get key(): string {
    return this.from.keys.at(this.n)!;
  }
  get id(): string {
    return this.key.slice(this.deck.length + 1);
  }
  get topics(): string[] {
    const list = this.from.topicOf[this.n]!;
    return list === 0 ? this.from.head.topics : this.from.topicLists[list - 1]!;
  }
  get line(): number {
    return this.from.lines[this.n]!;
  }
  get domain(): Domain | undefined {
    return this.n in this.from.domains ? (this.from.domains[this.n] ?? undefined) : this.from.head.domain;
  }
  get source(): string | undefined {
    return this.text<FlashText | QuestionText>().source;
  }
  /** From the deck's map of former ids (in the index), in the order the card lists them. */
  get formerly(): string[] | undefined {
    const map = this.from.head.formerly;
    if (map === undefined) return undefined;
    const id = this.id;
    const ids = Object.keys(map).filter((old) => map[old] === id);
    return ids.length > 0 ? ids : undefined;
  }
  get front(): string {
    return this.text<FlashText>().front;
  }
  get back(): string {
    return this.text<FlashText>().back;
  }
  get question(): string {
    return this.text<QuestionText>().question;
  }
  get answer(): string {
    return this.text<QuestionText>().answer;
  }
  get distractors(): string[] {
    return this.text<QuestionText>().distractors;
  }
  get explanation(): string | undefined {
    return this.text<QuestionText>().explanation;
  }
  private text<T extends FlashText | QuestionText>(): T {
    return this.from.texts.get<T>(this.n);
  }
}

/** Longest key line looked for: the key is about 80 bytes. */
const KEY_LINE_MAX = 1024;

/** Reads `length` bytes of an entry at `position` (fewer at its end). */
type EntryBytes = (position: number, length: number) => Buffer;

function readAt(fd: number, position: number, length: number): Buffer {
  const buf = Buffer.allocUnsafe(length);
  return buf.subarray(0, readSync(fd, buf, 0, length, position));
}

/** Entries up to this size are read whole at once (most decks); bigger ones part by part. */
const READ_WHOLE_BYTES = 256 * 1024;

/** The first line of an entry, `<key>\t<fields>`, when its key is `key`: the fields and where the line ends. */
function keyLine(first: Buffer, key: string): { fields: string; end: number } | undefined {
  const end = first.indexOf(10);
  const tab = first.lastIndexOf(9, end);
  if (end === -1 || tab === -1 || first.toString('utf8', 0, tab) !== key) return undefined;
  return { fields: first.toString('latin1', tab + 1, end), end };
}

/** Writes a cache file whole or not at all (renamed into place). No fsync: a lost cache is only parsed again. */
function writeCacheFile(dir: string, path: string, data: Buffer): void {
  try {
    mkdirSync(dir, { recursive: true });
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch {
    // A cache that cannot be written only costs speed next time.
  }
}

/**
 * The parse result in an entry, or undefined if it is not one this version wrote whole. Card texts are
 * read through `entry` when asked for, so what it reads must stay readable while the cards are used.
 */
export function decodeEntry(entry: EntryBytes, size: number, key: string, path: string): ParseResult | undefined {
  const line = keyLine(entry(0, Math.min(size, KEY_LINE_MAX)), key);
  if (!line) return undefined;
  const keyEnd = line.end;
  const [indexBytes, columnBytes, keyBytes] = line.fields.split(' ').map(Number) as [number, number, number];
  // Index, columns and keys in one read.
  const parts = entry(keyEnd + 1, indexBytes + columnBytes + keyBytes);
  if (parts.length !== indexBytes + columnBytes + keyBytes) return undefined;
  const index = JSON.parse(parts.toString('utf8', 0, indexBytes)) as Index;
  if (index.bytes !== size) return undefined;
  if (index.deck === null) return { deck: null, problems: index.problems };
  const head = index.deck;
  const n = index.kinds.length;
  if (columnBytes !== COLUMNS * 4 * n) return undefined;
  // Copied into a buffer of its own: a Uint32Array needs 4-byte alignment, which a read buffer need not have.
  const columns = new Uint32Array(COLUMNS * n);
  new Uint8Array(columns.buffer).set(parts.subarray(indexBytes, indexBytes + columnBytes));
  const column = (c: number) => columns.subarray(c * n, (c + 1) * n);
  const texts = new CardTexts(entry, keyEnd + 1 + indexBytes + columnBytes + keyBytes, column(TEXT_BYTES), path);
  const joined = { text: parts.toString('latin1', indexBytes + columnBytes), ends: column(KEY_ENDS) };
  const keys = keysOf(joined);
  const from = new CachedDeck(head, index.kinds, keys, column(LINES), column(TOPICS), index.topicLists, index.domains, texts);
  // Each is a Flashcard or a Question by its kind (see CachedCard).
  const card = (i: number) => new CachedCard(from, i) as unknown as Card;
  let cards: Card[] | undefined;
  const deck: Deck = {
    ...head,
    lazy: { keys, card, joined },
    // Made when first read: a study session over a 20,000-card deck reads keys, and makes only the cards it shows.
    get cards() {
      if (!cards) {
        cards = new Array<Card>(keys.length);
        for (let i = 0; i < cards.length; i++) cards[i] = card(i);
      }
      return cards;
    },
  };
  return { deck, problems: index.problems };
}

/**
 * The library entry: the entries of every deck file of one load, back to back in one file, after a line
 * naming the files and where each entry starts. Start-up then opens one file instead of one per deck
 * and reads only the indexes (14 bundled decks: 1.8 ms where 14 entries read whole took 3.1 ms, profiled).
 *   1. `crss-library v<parser version> <salt>`, a tab, and the byte length of line 2;
 *   2. JSON: [path, key, offset, bytes] per file, in load order, offsets counted from the first entry;
 *   3. the entries, each exactly as its own entry file holds it.
 * The entries stay the source: a deck that changed is parsed into its own entry, and the library entry
 * is made again from them.
 */
const LIBRARY_ENTRY = 'library.cache';

type LibraryHead = [path: string, key: string, offset: number, bytes: number][];

function libraryLine(salt: string): string {
  return `crss-library v${PARSER_VERSION} ${salt}`;
}

/** The library entry's results, or undefined if it is not for exactly these files as they are now. */
function readLibrary(path: string, files: readonly DeckFile[], salt: string): ParseResult[] | undefined {
  let fd: number | undefined = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const open = fd;
    const line = keyLine(readAt(open, 0, Math.min(size, KEY_LINE_MAX)), libraryLine(salt));
    if (!line) return undefined;
    const headBytes = Number(line.fields);
    const head = JSON.parse(readAt(open, line.end + 1, headBytes).toString('utf8')) as LibraryHead;
    if (head.length !== files.length) return undefined;
    const entriesStart = line.end + 1 + headBytes;
    const results: ParseResult[] = [];
    for (let i = 0; i < files.length; i++) {
      const [file, key, at, bytes] = head[i]!;
      const { path: expected, stat } = files[i]!;
      const offset = entriesStart + at;
      if (file !== expected || key !== fileKey(stat, salt) || offset + bytes > size) return undefined;
      const result = decodeEntry((position, length) => readAt(open, offset + position, Math.min(length, bytes - position)), bytes, key, path);
      if (!result) return undefined;
      results.push(result);
    }
    // Cards read their text through the open entry; with no cards it is not needed.
    if (results.some((r) => r.deck?.lazy?.keys.length)) fd = undefined;
    return results;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** `salt` is crss's version: an upgrade never reads entries written by another version's parser. */
export function fileDeckCache(dir: string, salt: string): DeckCache {
  const entryPath = (file: string) => join(dir, entryName(file));
  return {
    getAll(files) {
      try {
        return readLibrary(join(dir, LIBRARY_ENTRY), files, salt);
      } catch {
        return undefined;
      }
    },
    setAll(files) {
      const entries: Buffer[] = [];
      const head: LibraryHead = [];
      let offset = 0;
      for (const { path: file, stat } of files) {
        const key = fileKey(stat, salt);
        let entry: Buffer;
        try {
          entry = readFileSync(entryPath(file));
        } catch {
          return; // an entry that could not be written: no library entry either
        }
        // Only entries of the files as they are: one another process rewrote since is left out of it all.
        if (!keyLine(entry.subarray(0, KEY_LINE_MAX), key)) return;
        head.push([file, key, offset, entry.length]);
        entries.push(entry);
        offset += entry.length;
      }
      const json = `${JSON.stringify(head)}\n`;
      writeCacheFile(dir, join(dir, LIBRARY_ENTRY), Buffer.concat([Buffer.from(`${libraryLine(salt)}\t${Buffer.byteLength(json)}\n${json}`), ...entries]));
    },
    get(file, stat) {
      const path = entryPath(file);
      let fd: number | undefined;
      try {
        fd = openSync(path, 'r');
        const size = fstatSync(fd).size;
        if (size <= READ_WHOLE_BYTES) {
          const whole = readAt(fd, 0, size);
          return decodeEntry((position, length) => whole.subarray(position, position + length), whole.length, fileKey(stat, salt), path);
        }
        const open = fd;
        const result = decodeEntry((position, length) => readAt(open, position, length), size, fileKey(stat, salt), path);
        // Cards read their text through the open entry; with no cards it is not needed.
        if (result?.deck?.lazy?.keys.length) fd = undefined;
        return result;
      } catch {
        return undefined;
      } finally {
        if (fd !== undefined) closeSync(fd);
      }
    },
    set(file, stat, result) {
      writeCacheFile(dir, entryPath(file), encodeEntry(fileKey(stat, salt), result));
    },
  };
}
