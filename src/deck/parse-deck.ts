/**
 * The boundary between untrusted deck files and the deck model: YAML text in, a valid Deck and every
 * problem with its file, line and column out. It never throws on bad input.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, Scalar, visit, type Document, type Node, type ScalarTag, type Tags } from 'yaml';
import { didYouMean } from '../core/nearest.js';
import { DOMAINS, isDomain, SLUG, type Card, type Deck, type Domain, type Problem, type Question, type Severity } from './model.js';
import { fileTooLarge, Limits, Rule, TextLimits, type RuleId } from './rules.js';
import { decodeUtf8, findControlCharacters, findExcessiveNesting, MAY_HOLD_CONTROL, positionOf, positionOfByte } from './text-checks.js';

export interface ParseResult {
  deck: Deck | null;
  problems: Problem[];
}

const DECK_KEYS = ['deck', 'title', 'description', 'domain', 'topics', 'format', 'cards'] as const;
const COMMON_CARD_KEYS = ['id', 'formerly', 'topics', 'domain', 'source'] as const;
const FLASHCARD_KEYS = ['front', 'back'] as const;
const QUESTION_KEYS = ['question', 'answer', 'distractors', 'explanation'] as const;
const CARD_KEYS = [...COMMON_CARD_KEYS, ...FLASHCARD_KEYS, ...QUESTION_KEYS];

export interface ParseOptions {
  /** Also require a source on every card and an explanation on every question. */
  strict?: boolean;
}

/** Parses one deck file's bytes. `file` is only used in problems. */
export function parseDeckBytes(bytes: Uint8Array, file: string, options: ParseOptions = {}): ParseResult {
  const problem = (line: number, column: number, rule: RuleId, message: string): ParseResult => ({
    deck: null,
    problems: [{ file, line, column, severity: 'error', rule, message }],
  });
  if (bytes.length > Limits.maxFileBytes) {
    return problem(1, 1, Rule.yamlLimits, fileTooLarge(bytes.length));
  }
  const decoded = decodeUtf8(bytes);
  if ('badByteOffset' in decoded) {
    const at = positionOfByte(bytes, decoded.badByteOffset);
    return problem(at.line, at.column, Rule.yamlLimits, 'file is not UTF-8 text (is it a binary file?)');
  }
  return parseDeckText(decoded.text, file, options);
}

/** Parses one deck's text. */
export function parseDeckText(text: string, file: string, options: ParseOptions = {}): ParseResult {
  const problems: Problem[] = [];
  const at = (offset: number) => positionOf(text, offset);
  const controls = findControlCharacters(text);
  if (controls.length > 0) {
    for (const c of controls) {
      const p = at(c.offset);
      problems.push({ file, line: p.line, column: p.column, severity: 'error', rule: Rule.controlCharacter, message: c.message });
    }
    return { deck: null, problems };
  }
  const deep = findExcessiveNesting(text, Limits.maxNesting);
  if (deep) {
    const p = at(deep.offset);
    return { deck: null, problems: [{ file, line: p.line, column: p.column, severity: 'error', rule: Rule.yamlLimits, message: deep.message }] };
  }

  const lineCounter = new LineCounter();
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, customTags: withOneScalarTest });
  } catch (error) {
    // yaml throws non-YAMLParseError types for some hostile input; the file is still just bad input.
    return { deck: null, problems: [{ file, line: 1, column: 1, severity: 'error', rule: Rule.yamlLimits, message: `cannot parse: ${errorText(error)}` }] };
  }
  if (doc.errors.length > 0) {
    for (const error of doc.errors.slice(0, 20)) {
      const p = lineCounter.linePos(error.pos[0]);
      problems.push({ file, line: p.line, column: p.col, severity: 'error', rule: Rule.yamlSyntax, message: firstLine(error.message) });
    }
    return { deck: null, problems };
  }
  // Aliases need anchors; most decks have none, and walking the tree to count aliases costs time. An
  // anchor is '&' and a name where a node starts (line start, after a space or a flow indicator): "Q&A"
  // and "fish & chips" are not one.
  const bomb = ANCHOR.test(text) ? findAliasFlood(doc) : undefined;
  if (bomb !== undefined) {
    const p = lineCounter.linePos(bomb);
    return { deck: null, problems: [{ file, line: p.line, column: p.col, severity: 'error', rule: Rule.yamlLimits, message: `more than ${Limits.maxAliases} aliases (an alias bomb?)` }] };
  }
  const result = new DeckReader(doc, lineCounter, file, problems, options.strict ?? false).read();
  result.problems.sort((a, b) => a.line - b.line || a.column - b.column);
  return result;
}

/**
 * The core schema's tags, led by one for plain text. yaml tries the schema's tests (null, bool, three
 * ints, three floats) in turn on every plain scalar, and deck text is nearly all plain scalars that are
 * just text. This first tag's one test matches exactly what none of those eight match, and keeps it as
 * the string it is; anything else goes on to the core tags as before. The values are the same; parsing
 * takes about 5% less time (20,000 cards). Explicit tags (`!!int 5`) still find the core tags by name.
 */
function withOneScalarTest(tags: Tags): Tags {
  const tests = tags.flatMap((t) => (typeof t === 'object' && t.default === true && !('collection' in t && t.collection) && t.test instanceof RegExp ? [t.test.source] : []));
  const plainText: ScalarTag = {
    tag: 'tag:crss,2026:plain-text',
    default: true,
    test: new RegExp(`^(?!${tests.map((source) => `(?:${source})`).join('|')})`),
    resolve: (value) => value,
  };
  return [plainText, ...tags];
}

/** White space other than single spaces (what `\s+` -> ' ' would change). */
const ODD_SPACE = /[^\S ]| {2}/;

const ANCHOR = /(?:^|[\s[{,])&[^\s[\]{},]/m;

/** The offset of the alias past the limit, if the document has too many. Depth is already bounded. */
function findAliasFlood(doc: Document.Parsed): number | undefined {
  let count = 0;
  let at: number | undefined;
  visit(doc, {
    Alias(_, node) {
      if (++count > Limits.maxAliases) {
        at = node.range?.[0] ?? 0;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return at;
}

function errorText(error: unknown): string {
  return firstLine(error instanceof Error ? error.message : String(error));
}

function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? '';
  return line.replace(/ at line \d+, column \d+:?$/, '').trim();
}

type Raw = Node | null | undefined;

/** One entry of a card's `formerly`, with the card that lists it and where. */
interface FormerId {
  id: string;
  card: string;
  node: Raw;
}

/** Walks the YAML syntax tree (not its JS value) so that every problem keeps its position. */
class DeckReader {
  private aliases = 0;

  constructor(
    private readonly doc: Document.Parsed,
    private readonly lines: LineCounter,
    private readonly file: string,
    private readonly problems: Problem[],
    private readonly strict: boolean,
  ) {}

  read(): ParseResult {
    const root = this.resolve(this.doc.contents);
    if (!isMap(root)) {
      this.report(root, Rule.deckNotMapping, 'a deck file must be a mapping with deck, title and cards');
      return this.result(null);
    }
    const fields = this.fields(root, DECK_KEYS, 'deck');
    const id = this.slug(fields.get('deck'), 'deck', root);
    const title = this.text(fields.get('title'), 'title', root, TextLimits.prompt);
    const description = this.optionalText(fields.get('description'), 'description', TextLimits.body);
    const domain = this.domain(fields.get('domain'));
    const topics = this.topics(fields.get('topics'));
    this.formatVersion(fields.get('format'));
    const cardsNode = this.resolve(fields.get('cards'));
    const cards: Card[] = [];
    let formerly: Record<string, string> | undefined;
    if (!fields.has('cards')) {
      this.report(root, Rule.missingField, "missing required field 'cards'");
    } else if (!isSeq(cardsNode)) {
      this.report(cardsNode, Rule.wrongType, `'cards' must be a list of cards, found ${this.describe(cardsNode)}`);
    } else if (cardsNode.items.length === 0) {
      this.report(cardsNode, Rule.emptyDeck, 'the deck has no cards');
    } else {
      const seen = new Map<string, Raw>();
      const texts = new Map<string, Raw>();
      const former: FormerId[] = [];
      for (const item of cardsNode.items) {
        const card = this.card(this.resolve(item as Raw), id ?? '', topics, domain, seen, texts, former);
        if (card) cards.push(card);
      }
      formerly = this.checkFormerIds(former, seen);
    }
    const hasErrors = this.problems.some((p) => p.severity === 'error');
    if (hasErrors || id === undefined || title === undefined) return this.result(null);
    const at = this.pos(fields.get('deck'));
    const deck: Deck = { id, title, topics, file: this.file, line: at.line, column: at.column, cards };
    if (description !== undefined) deck.description = description;
    if (domain !== undefined) deck.domain = domain;
    if (formerly !== undefined) deck.formerly = formerly;
    return this.result(deck);
  }

  /**
   * A former id names the history a card takes over, so it must name one card only: not a card of the
   * deck as it is now (that card has its own history), and not listed by two cards. Checked once every
   * id is known, since a former id may be reused further down the file. The map from former id to
   * current id, when any card has one.
   */
  private checkFormerIds(former: FormerId[], current: Map<string, Raw>): Record<string, string> | undefined {
    if (former.length === 0) return undefined;
    const listedBy = new Map<string, FormerId>();
    const map: Record<string, string> = {};
    for (const entry of former) {
      const inUse = current.get(entry.id);
      const first = listedBy.get(entry.id);
      if (inUse !== undefined) {
        const where = entry.card === entry.id ? 'this card\'s own id' : `the id of the card at line ${this.pos(inUse).line}`;
        this.report(entry.node, Rule.formerIdInUse, `former id '${entry.id}' is ${where}; a former id must be one no card has now`);
      } else if (first !== undefined) {
        this.report(entry.node, Rule.duplicateFormerId, `former id '${entry.id}' is already listed by card '${first.card}' at line ${this.pos(first.node).line}`);
      } else {
        listedBy.set(entry.id, entry);
        map[entry.id] = entry.card;
      }
    }
    return map;
  }

  /** A card's `formerly`: a list of slugs, each given to `former` with the card's id. */
  private formerIds(raw: Raw, cardId: string | undefined, former: FormerId[]): string[] | undefined {
    const ids = this.slugList(raw, 'formerly', 'former id', 'earlier card ids');
    if (ids && cardId !== undefined) for (const { value, node } of ids) former.push({ id: value, card: cardId, node });
    return ids?.map((e) => e.value);
  }

  /** A list of slugs without repeats, each with its node; undefined when absent or not a list (reported). */
  private slugList(raw: Raw, field: string, item: string, what: string): { value: string; node: Raw }[] | undefined {
    if (raw === undefined) return undefined;
    const node = this.resolve(raw);
    if (!isSeq(node)) {
      this.report(node, Rule.wrongType, `'${field}' must be a list of ${what}, found ${this.describe(node)}`);
      return undefined;
    }
    const out: { value: string; node: Raw }[] = [];
    for (const entry of node.items) {
      const value = this.slug(entry as Raw, item, node);
      if (value !== undefined && !out.some((e) => e.value === value)) out.push({ value, node: entry as Raw });
    }
    return out;
  }

  private result(deck: Deck | null): ParseResult {
    return { deck, problems: this.problems };
  }

  private card(node: Raw, deckId: string, deckTopics: string[], deckDomain: Domain | undefined, seen: Map<string, Raw>, texts: Map<string, Raw>, former: FormerId[]): Card | null {
    if (!isMap(node)) {
      this.report(node, Rule.wrongType, `a card must be a mapping with an id, found ${this.describe(node)}`);
      return null;
    }
    const fields = this.fields(node, CARD_KEYS, 'card');
    const id = this.slug(fields.get('id'), 'id', node);
    if (id !== undefined) {
      const first = seen.get(id);
      if (first !== undefined) {
        const p = this.pos(first);
        this.report(fields.get('id'), Rule.duplicateCardId, `duplicate card id '${id}' (first used at line ${p.line})`);
      } else {
        seen.set(id, fields.get('id'));
      }
    }
    const formerly = this.formerIds(fields.get('formerly'), id, former);
    const own = this.topics(fields.get('topics'));
    // Most cards have no topics of their own: they get a copy of the deck's (never a shared array).
    const topics = own.length === 0 ? deckTopics.slice() : [...new Set([...deckTopics, ...own])];
    const domain = this.domain(fields.get('domain')) ?? deckDomain;
    const source = this.source(fields.get('source'));
    if (this.strict && !fields.has('source')) this.report(node, Rule.missingSource, 'the card has no source (add a source URL where the fact can be checked)');
    const isFlash = fields.has('front') || fields.has('back');
    const isQuestion = fields.has('question') || fields.has('answer') || fields.has('distractors') || fields.has('explanation');
    const { line, column } = this.pos(node);
    if (isFlash && isQuestion) {
      this.report(node, Rule.cardKind, 'a card is either a flashcard (front, back) or a question (question, answer, distractors), not both');
      return null;
    }
    if (!isFlash && !isQuestion) {
      this.report(node, Rule.cardKind, 'a card needs front and back (flashcard) or question, answer and distractors (question)');
      return null;
    }
    // Literal objects with the optional fields set afterwards, not spreads: spreading costs more than
    // the rest of reading a card (20,000-card decks, `npm run bench`).
    const finish = <C extends Card>(card: C): C => {
      if (domain) card.domain = domain;
      if (source) card.source = source;
      if (formerly !== undefined && formerly.length > 0) card.formerly = formerly;
      return card;
    };
    if (isFlash) {
      const front = this.text(fields.get('front'), 'front', node, TextLimits.prompt);
      const back = this.text(fields.get('back'), 'back', node, TextLimits.body);
      if (front !== undefined) this.duplicateText(texts, front, fields.get('front'), 'front');
      if (id === undefined || front === undefined || back === undefined) return null;
      return finish({ deck: deckId, id, key: `${deckId}/${id}`, topics, line, column, kind: 'flashcard', front, back });
    }
    const question = this.text(fields.get('question'), 'question', node, TextLimits.prompt);
    const answer = this.text(fields.get('answer'), 'answer', node, TextLimits.option);
    const distractors = this.distractors(fields.get('distractors'), node, answer);
    const explanation = this.optionalText(fields.get('explanation'), 'explanation', TextLimits.body);
    if (this.strict && !fields.has('explanation')) this.report(node, Rule.missingExplanation, 'the question has no explanation (say why the answer is right)');
    if (question !== undefined) this.duplicateText(texts, question, fields.get('question'), 'question');
    if (id === undefined || question === undefined || answer === undefined || distractors === undefined) return null;
    const card: Question = { deck: deckId, id, key: `${deckId}/${id}`, topics, line, column, kind: 'question', question, answer, distractors };
    if (explanation !== undefined) card.explanation = explanation;
    return finish(card);
  }

  private duplicateText(texts: Map<string, Raw>, text: string, node: Raw, field: string): void {
    const lower = text.trim().toLowerCase();
    // Runs of white space become one space; most text has none but single spaces, and is kept as it is.
    const normal = ODD_SPACE.test(lower) ? lower.replace(/\s+/g, ' ') : lower;
    const first = texts.get(normal);
    if (first !== undefined) {
      this.report(node, Rule.duplicateText, `the same ${field} as the card at line ${this.pos(first).line}`, 'warning');
    } else {
      texts.set(normal, node);
    }
  }

  private distractors(raw: Raw, card: Node, answer: string | undefined): string[] | undefined {
    const node = this.resolve(raw);
    if (raw === undefined) {
      this.report(card, Rule.missingField, "missing required field 'distractors'");
      return undefined;
    }
    if (!isSeq(node)) {
      this.report(node, Rule.wrongType, `'distractors' must be a list of text, found ${this.describe(node)}`);
      return undefined;
    }
    const values: string[] = [];
    const seen = new Set<string>();
    const normalAnswer = answer?.trim().toLowerCase();
    let ok = true;
    for (const item of node.items) {
      const value = this.text(item as Raw, 'distractor', card, TextLimits.option);
      if (value === undefined) {
        ok = false;
        continue;
      }
      const normal = value.trim().toLowerCase();
      if (normal === normalAnswer) {
        this.report(item as Raw, Rule.answerInDistractors, 'this distractor repeats the answer');
        ok = false;
      } else if (seen.has(normal)) {
        this.report(item as Raw, Rule.duplicateDistractor, `distractor '${value}' appears twice`);
        ok = false;
      }
      seen.add(normal);
      values.push(value);
    }
    if (node.items.length < Limits.minDistractors || node.items.length > Limits.maxDistractors) {
      this.report(node, Rule.distractorCount, `a question needs ${Limits.minDistractors} to ${Limits.maxDistractors} distractors, found ${node.items.length}`);
      ok = false;
    }
    return ok ? values : undefined;
  }

  /** Collects a mapping's keys, reporting unknown keys with the nearest known one. */
  private fields(map: Node, known: readonly string[], what: string): Map<string, Raw> {
    const out = new Map<string, Raw>();
    if (!isMap(map)) return out;
    for (const pair of map.items) {
      const keyNode = this.resolve(pair.key as Raw);
      if (!isScalar(keyNode) || typeof keyNode.value !== 'string') {
        this.report(keyNode, Rule.wrongType, `a ${what} key must be text`);
        continue;
      }
      const key = keyNode.value;
      if (!known.includes(key)) {
        this.report(keyNode, Rule.unknownKey, `unknown key '${key}'${didYouMean(key, known)}`);
        continue;
      }
      out.set(key, (pair.value ?? null) as Raw);
    }
    return out;
  }

  private text(raw: Raw, field: string, parent: Node, limit: number): string | undefined {
    if (raw === undefined) {
      this.report(parent, Rule.missingField, `missing required field '${field}'`);
      return undefined;
    }
    const node = this.resolve(raw);
    if (!isScalar(node) || node.value === null) {
      this.report(node ?? parent, Rule.wrongType, `'${field}' must be text, found ${this.describe(node)}`);
      return undefined;
    }
    if (typeof node.value !== 'string') {
      const hint = typeof node.value === 'number' || typeof node.value === 'boolean' ? ` (quote it: "${String(node.source ?? node.value)}")` : '';
      this.report(node, Rule.wrongType, `'${field}' must be text, found ${this.describe(node)}${hint}`);
      return undefined;
    }
    if (node.value.trim() === '') {
      this.report(node, Rule.emptyText, `'${field}' is empty`);
      return undefined;
    }
    // The raw check cannot see what an escape in a double-quoted scalar makes ("\e]52;c;..." is a
    // clipboard write on many terminals): the same characters are refused in the parsed value. Other
    // scalars hold only characters of the raw text, which that check has seen.
    // Nearly every value holds none of those characters: one test says so before the search that names it.
    const escaped = (node.type === undefined || node.type === Scalar.QUOTE_DOUBLE) && MAY_HOLD_CONTROL.test(node.value);
    const [control] = escaped ? findControlCharacters(node.value.replace(/\r\n/g, '\n'), 1) : [];
    if (control !== undefined) {
      this.report(node, Rule.controlCharacter, `'${field}': ${control.message} (here written as an escape in a quoted string)`);
      return undefined;
    }
    if (node.value.length > limit) {
      this.report(node, Rule.textTooLong, `'${field}' is ${node.value.length} characters; more than ${limit} is hard to read in a terminal`, 'warning');
    }
    return node.value;
  }

  private optionalText(raw: Raw, field: string, limit: number): string | undefined {
    return raw === undefined ? undefined : this.text(raw, field, raw as Node, limit);
  }

  private slug(raw: Raw, field: string, parent: Node): string | undefined {
    const value = this.text(raw, field, parent, Infinity);
    if (value === undefined) return undefined;
    if (!SLUG.test(value)) {
      this.report(raw, Rule.badSlug, `${field} '${value}' is not a slug (lower-case letters and digits joined by single hyphens, e.g. 'active-listening')`);
      return undefined;
    }
    return value;
  }

  private domain(raw: Raw): Domain | undefined {
    if (raw === undefined) return undefined;
    const value = this.text(raw, 'domain', raw as Node, Infinity);
    if (value === undefined) return undefined;
    if (!isDomain(value)) {
      this.report(raw, Rule.badDomain, `unknown domain '${value}'${didYouMean(value, DOMAINS)}; domains are ${DOMAINS.join(', ')}`);
      return undefined;
    }
    return value;
  }

  private topics(raw: Raw): string[] {
    return this.slugList(raw, 'topics', 'topic', 'slugs')?.map((e) => e.value) ?? [];
  }

  private source(raw: Raw): string | undefined {
    if (raw === undefined) return undefined;
    const value = this.text(raw, 'source', raw as Node, Infinity);
    if (value === undefined) return undefined;
    if (!/^https?:\/\/[^\s/$.?#][^\s]*$/i.test(value)) {
      this.report(raw, Rule.badSource, `source '${value}' is not an http(s) URL`);
      return undefined;
    }
    return value;
  }

  private formatVersion(raw: Raw): void {
    if (raw === undefined) return;
    const node = this.resolve(raw);
    if (!isScalar(node) || node.value !== 1) {
      this.report(node, Rule.badFormatVersion, `unsupported format ${isScalar(node) ? String(node.value) : this.describe(node)}; this crss reads format 1`);
    }
  }

  private resolve(node: Raw): Raw {
    if (!isAlias(node)) return node;
    if (++this.aliases > Limits.maxAliases) {
      this.report(node, Rule.yamlLimits, `more than ${Limits.maxAliases} aliases`);
      return null;
    }
    return (node.resolve(this.doc) as Raw) ?? null;
  }

  private describe(node: Raw): string {
    if (node === undefined || node === null) return 'nothing';
    if (isMap(node)) return 'a mapping';
    if (isSeq(node)) return 'a list';
    if (isScalar(node)) {
      const v = node.value;
      if (v === null) return 'nothing';
      if (typeof v === 'number' || typeof v === 'bigint') return `the number ${String(node.source ?? v)}`;
      if (typeof v === 'boolean') return `the boolean ${String(node.source ?? v)}`;
      if (typeof v === 'string') return 'text';
      return typeof v;
    }
    return 'an unexpected value';
  }

  private pos(node: Raw): { line: number; column: number } {
    const offset = node && 'range' in node && node.range ? node.range[0] : 0;
    const p = this.lines.linePos(offset);
    return { line: p.line, column: p.col };
  }

  private report(node: Raw, rule: RuleId, message: string, severity: Severity = 'error'): void {
    const p = this.pos(node);
    this.problems.push({ file: this.file, line: p.line, column: p.column, severity, rule, message });
  }
}
