/**
 * Words of deck text as the item-writing lint sees them: lower-case, split on anything that is not a
 * letter or digit, each reduced to a rough stem so that "strengths" and "strength", "listening" and
 * "listen" count as one word. The stemmer is deliberately crude: it only has to tell whether two options
 * share a word, and it errs on the side of calling words the same (fewer false alarms).
 */

export function words(text: string): string[] {
  return foldedLowerCase(text).match(/[a-z0-9]+/g) ?? [];
}

/** "reflections" -> "reflect", "listening" -> "listen", "supported" -> "support". */
export function stem(word: string): string {
  return word.slice(0, word.length - suffixLength(word, 0, word.length, false));
}

const SUFFIXES = ['ations', 'ation', 'ings', 'ing', 'ions', 'ion', 'ies', 'ed', 'es', 's'];

/**
 * Each stem as a small number, so that rules over thousands of cards compare and mark numbers instead of
 * hashing strings. Words are found in the text, stemmed and numbered without making a string of each:
 * a 20,000-card deck has about 900,000 words, 300,000 of them different, and a string per word plus Map
 * entries per distinct word and stem cost more than the rest of the lint (`npm run bench`). One hash
 * table over typed arrays instead, from stems to numbers; a word is stemmed where it stands in the text
 * (the stem is the word less a suffix) and looked up once.
 */
export class StemNumbers {
  private readonly stems = new CharTable();
  private count = 0;
  /** The stems of COMMON_WORDS are numbered first: a number below this is a common word. */
  private readonly commonCount: number;

  constructor() {
    for (const s of COMMON_WORDS) this.ofStem(s, 0, s.length, false);
    this.commonCount = this.count;
  }

  /** Whether a number's stem is one of COMMON_WORDS. */
  isCommon(n: number): boolean {
    return n < this.commonCount;
  }

  /** The number of a word's stem (the word as `words` gives it). */
  of(word: string): number {
    return this.ofStem(word, 0, word.length - suffixLength(word, 0, word.length, false), false);
  }

  /** The numbers of a text's words (as `words` splits it), in order, repeats kept. */
  ofText(text: string): number[] {
    return this.ofTextInto(text, []);
  }

  /**
   * ofText, appending to `out` (several texts into one list with no list per text), and each word's
   * length to `lengths` when given. Returns `out`.
   */
  ofTextInto(text: string, out: number[], lengths?: number[]): number[] {
    // Non-ASCII text goes through `words`' own lower-casing and accent folding; ASCII text (nearly all)
    // is lower-cased here, one character at a time, with the same result.
    const ascii = !NON_ASCII.test(text);
    const plain = ascii ? text : foldedLowerCase(text);
    const n = plain.length;
    let i = 0;
    for (;;) {
      while (i < n && !isWordCode(plain.charCodeAt(i), ascii)) i++;
      if (i >= n) return out;
      const start = i;
      while (i < n && isWordCode(plain.charCodeAt(i), ascii)) i++;
      out.push(this.ofStem(plain, start, i - suffixLength(plain, start, i, ascii), ascii));
      lengths?.push(i - start);
    }
  }

  /** The number of the stem text[start .. end), A-Z read as a-z when `fold`. */
  private ofStem(text: string, start: number, end: number, fold: boolean): number {
    const hash = hashOf(text, start, end, fold);
    let n = this.stems.find(text, start, end, fold, hash);
    if (n < 0) {
      n = this.count++;
      this.stems.add(text, start, end, fold, hash, n);
    }
    return n;
  }
}

const NON_ASCII = /[^\x00-\x7f]/;

/** Lower case, accents off ("café" = "cafe"); most deck text is ASCII, and normalizing costs more than the rest. */
function foldedLowerCase(text: string): string {
  const lower = text.toLowerCase();
  return NON_ASCII.test(lower) ? lower.normalize('NFKD').replace(/[\u0300-\u036f]/g, '') : lower;
}

/** The length of the suffix the stem leaves off text[start .. end): the one stemming rule (`stem`, StemNumbers). */
function suffixLength(text: string, start: number, end: number, fold: boolean): number {
  // Only words ending in s, n, g or d can lose a suffix.
  const last = lowerAt(text, end - 1, fold);
  if (last !== 115 && last !== 110 && last !== 103 && last !== 100) return 0;
  next: for (const suffix of SUFFIXES) {
    if (end - start - suffix.length < 4) continue;
    for (let k = 0; k < suffix.length; k++) if (lowerAt(text, end - suffix.length + k, fold) !== suffix.charCodeAt(k)) continue next;
    return suffix.length;
  }
  return 0;
}

function lowerAt(text: string, i: number, fold: boolean): number {
  const c = text.charCodeAt(i);
  return fold && c >= 65 && c <= 90 ? c + 32 : c;
}

/**
 * Strings to numbers, each string given as a range of a text (A-Z read as a-z when asked): an
 * open-addressing hash table whose keys are copied into one character array. A slot holds the key's
 * hash beside its entry, and an entry its start, length and value side by side: with 300,000 keys the
 * table is bigger than the processor's caches, and each lookup should touch as few places as it can.
 */
class CharTable {
  /** Per slot: the hash, then the entry + 1 (0: empty). */
  private slots = new Int32Array(2 << 12);
  /** Per entry: where its characters start in `chars`, how many, and its value. */
  private entries = new Int32Array(3 << 11);
  private chars = new Uint16Array(1 << 14);
  private charCount = 0;
  private size = 0;

  /** The value of text[start .. end) (whose hashOf is `hash`), or -1. */
  find(text: string, start: number, end: number, fold: boolean, hash: number): number {
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = slots[2 * slot + 1]! - 1;
      if (entry < 0) return -1;
      if (slots[2 * slot] === hash && this.equals(entry, text, start, end, fold)) return this.entries[3 * entry + 2]!;
    }
  }

  /** Adds text[start .. end) (not in the table; its hashOf is `hash`) with its value. */
  add(text: string, start: number, end: number, fold: boolean, hash: number, value: number): void {
    if (4 * (this.size + 1) > this.slots.length) this.rehash();
    if (3 * (this.size + 1) > this.entries.length) this.entries = grown(this.entries);
    const length = end - start;
    while (this.charCount + length > this.chars.length) this.chars = grown(this.chars);
    for (let k = 0; k < length; k++) this.chars[this.charCount + k] = lowerAt(text, start + k, fold);
    const entry = this.size++;
    this.entries[3 * entry] = this.charCount;
    this.entries[3 * entry + 1] = length;
    this.entries[3 * entry + 2] = value;
    this.charCount += length;
    this.place(hash, entry);
  }

  private equals(entry: number, text: string, start: number, end: number, fold: boolean): boolean {
    if (this.entries[3 * entry + 1] !== end - start) return false;
    const at = this.entries[3 * entry]!;
    for (let k = 0; k < end - start; k++) if (this.chars[at + k] !== lowerAt(text, start + k, fold)) return false;
    return true;
  }

  private place(hash: number, entry: number): void {
    const mask = (this.slots.length >> 1) - 1;
    let slot = hash & mask;
    while (this.slots[2 * slot + 1] !== 0) slot = (slot + 1) & mask;
    this.slots[2 * slot] = hash;
    this.slots[2 * slot + 1] = entry + 1;
  }

  /** Twice the slots, at most half of them used. */
  private rehash(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    for (let slot = 0; slot < old.length; slot += 2) if (old[slot + 1] !== 0) this.place(old[slot]!, old[slot + 1]! - 1);
  }
}

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

/** FNV-1a over the characters (lower-cased when `fold`). */
function hashOf(text: string, start: number, end: number, fold: boolean): number {
  let hash = FNV_OFFSET;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ lowerAt(text, i, fold), FNV_PRIME);
  return hash;
}

/** a-z and 0-9, and A-Z when the text is folded here: what `words` keeps. */
function isWordCode(c: number, fold: boolean): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (fold && c >= 65 && c <= 90);
}

function grown<T extends Int32Array | Uint16Array>(array: T): T {
  const bigger = new (array.constructor as new (length: number) => T)(array.length * 2);
  bigger.set(array);
  return bigger;
}

/**
 * Words of five letters or more that say nothing about a fact, so repeating one from the question in the
 * answer is no cue: English function words, and the words of this field that nearly every card uses.
 * docs/deck-format.md points here.
 */
export const COMMON_WORDS: ReadonlySet<string> = new Set(
  [
    // English: frequent words of everyday speech
    'about', 'above', 'according', 'across', 'actually', 'after', 'afternoon', 'again', 'against', 'almost',
    'alone', 'along', 'already', 'also', 'although', 'always', 'among', 'another', 'answer', 'anyone',
    'anything', 'anyway', 'appropriate', 'around', 'asked', 'asking', 'away', 'became', 'because', 'become',
    'becomes', 'before', 'began', 'begin', 'behind', 'being', 'believe', 'below', 'beside', 'besides', 'best',
    'better', 'between', 'beyond', 'bring', 'brings', 'brought', 'build', 'called', 'came', 'cannot', 'carry',
    'cause', 'certain', 'certainly', 'chance', 'change', 'changed', 'changes', 'choose', 'chosen', 'clear',
    'clearly', 'close', 'come', 'comes', 'coming', 'correct', 'could', 'couldn', 'course', 'daily', 'days',
    'decide', 'decided', 'describe', 'described', 'describes', 'different', 'doing', 'during', 'earlier',
    'early', 'easily', 'either', 'else', 'enough', 'especially', 'even', 'evening', 'event', 'ever', 'every',
    'everyone', 'everything', 'exactly', 'example', 'except', 'expect', 'face', 'fact', 'family', 'feel',
    'feeling', 'feels', 'felt', 'final', 'finally', 'find', 'finds', 'first', 'fitting', 'follow',
    'following', 'found', 'friend', 'friends', 'front', 'full', 'gave', 'general', 'getting', 'give', 'given',
    'gives', 'giving', 'going', 'gone', 'good', 'great', 'group', 'groups', 'happen', 'happened', 'hard',
    'having', 'head', 'hear', 'heard', 'help', 'helped', 'helping', 'helps', 'here', 'high', 'himself',
    'hold', 'home', 'hope', 'hour', 'hours', 'house', 'however', 'idea', 'ideas', 'important', 'instead',
    'into', 'itself', 'just', 'keep', 'keeps', 'kept', 'kind', 'know', 'known', 'knows', 'large', 'last',
    'late', 'later', 'least', 'leave', 'left', 'less', 'let', 'life', 'like', 'likely', 'line', 'little',
    'live', 'long', 'look', 'looking', 'looks', 'lose', 'made', 'main', 'make', 'makes', 'making', 'many',
    'matter', 'maybe', 'mean', 'meaning', 'means', 'meant', 'meet', 'meeting', 'might', 'mind', 'moment',
    'money', 'month', 'months', 'more', 'morning', 'most', 'mostly', 'move', 'much', 'must', 'name', 'near',
    'need', 'needed', 'needs', 'never', 'next', 'night', 'none', 'nothing', 'notice', 'often', 'once', 'only',
    'open', 'option', 'options', 'order', 'other', 'others', 'otherwise', 'ought', 'over', 'part', 'past',
    'people', 'perhaps', 'person', 'place', 'plan', 'play', 'point', 'possible', 'pretty', 'probably',
    'problem', 'problems', 'quite', 'rather', 'ready', 'real', 'really', 'reason', 'reasons', 'recent',
    'recently', 'refer', 'refers', 'reply', 'respond', 'responds', 'response', 'return', 'returned', 'right',
    'said', 'same', 'says', 'second', 'seems', 'seen', 'sense', 'several', 'shall', 'short', 'should', 'show',
    'shown', 'shows', 'side', 'simple', 'since', 'small', 'something', 'sometimes', 'soon', 'sort', 'speak',
    'start', 'started', 'starting', 'state', 'statement', 'still', 'story', 'such', 'sure', 'take', 'taken',
    'takes', 'taking', 'talk', 'talked', 'talking', 'tell', 'tells', 'than', 'thank', 'thanks', 'that',
    'their', 'them', 'themselves', 'then', 'there', 'these', 'they', 'thing', 'things', 'think', 'thinking',
    'third', 'those', 'though', 'thought', 'three', 'through', 'time', 'times', 'tired', 'today', 'together',
    'told', 'took', 'toward', 'towards', 'tried', 'tries', 'true', 'trying', 'turn', 'turned', 'under',
    'understand', 'until', 'upon', 'used', 'using', 'usual', 'usually', 'very', 'wait', 'want', 'wanted',
    'wants', 'week', 'weeks', 'well', 'went', 'were', 'what', 'whatever', 'when', 'where', 'whether', 'which',
    'while', 'whole', 'whose', 'why', 'will', 'with', 'within', 'without', 'word', 'words', 'work', 'worked',
    'working', 'world', 'would', 'write', 'wrong', 'year', 'years', 'young', 'yourself',
    // this field: words nearly every card says
    'recovery', 'support', 'supports', 'supporting', 'specialist', 'specialists', 'worker', 'workers',
    'service', 'services', 'mental', 'health', 'substance', 'program', 'programs', 'client', 'participant',
    'individual', 'individuals', 'crss',
  ].map(stem),
);
