/**
 * Words of deck text as the item-writing lint sees them: lower-case, split on anything that is not a
 * letter or digit, each reduced to a rough stem so that "strengths" and "strength", "listening" and
 * "listen" count as one word. The stemmer is deliberately crude: it only has to tell whether two options
 * share a word, and it errs on the side of calling words the same (fewer false alarms).
 */

export function words(text: string): string[] {
  const lower = text.toLowerCase();
  // Accents off ("café" = "cafe"); most deck text is ASCII, and normalizing costs more than the rest.
  const plain = /[^\x00-\x7f]/.test(lower) ? lower.normalize('NFKD').replace(/[\u0300-\u036f]/g, '') : lower;
  return plain.match(/[a-z0-9]+/g) ?? [];
}

/** "reflections" -> "reflect", "listening" -> "listen", "supported" -> "support". */
export function stem(word: string): string {
  // Only words ending in s, n, g or d can lose a suffix; a deck repeats its words, so results are kept.
  const last = word.charCodeAt(word.length - 1);
  if (last !== 115 && last !== 110 && last !== 103 && last !== 100) return word;
  const known = stemmed.get(word);
  if (known !== undefined) return known;
  let result = word;
  for (const suffix of SUFFIXES) {
    if (word.endsWith(suffix) && word.length - suffix.length >= 4) {
      result = word.slice(0, -suffix.length);
      break;
    }
  }
  if (stemmed.size > 100_000) stemmed.clear();
  stemmed.set(word, result);
  return result;
}

const SUFFIXES = ['ations', 'ation', 'ings', 'ing', 'ions', 'ion', 'ies', 'ed', 'es', 's'];
const stemmed = new Map<string, string>();

/**
 * Each stem as a small number, so that rules over thousands of cards compare and mark numbers instead of
 * hashing strings: `validate` of a 20,000-card deck spent more time on word sets than on its own reading.
 */
export class StemNumbers {
  /** A word as written (lower case) to its stem's number: a word is stemmed once per lint. */
  private readonly byWord = new Map<string, number>();
  private readonly byStem = new Map<string, number>();
  /** For each number: whether its stem is one of COMMON_WORDS. */
  readonly common: boolean[] = [];

  /** The number of a word's stem. */
  of(word: string): number {
    let n = this.byWord.get(word);
    if (n === undefined) {
      const s = stem(word);
      n = this.byStem.get(s);
      if (n === undefined) {
        n = this.common.length;
        this.byStem.set(s, n);
        this.common.push(COMMON_WORDS.has(s));
      }
      this.byWord.set(word, n);
    }
    return n;
  }

  /** The numbers of a text's words, in order, repeats kept. */
  ofText(text: string): number[] {
    return this.ofWords(words(text));
  }

  ofWords(list: readonly string[]): number[] {
    const out = new Array<number>(list.length);
    for (let i = 0; i < list.length; i++) out[i] = this.of(list[i]!);
    return out;
  }
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
