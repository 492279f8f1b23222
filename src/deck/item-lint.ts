/**
 * The item-writing lint of `crss validate`: cues that let a learner pick the answer without knowing the
 * fact, and cards that teach one fact twice. Each finding is a warning (an error under --strict) with its
 * place and a stable rule id (LintRule); docs/deck-format.md explains each rule and how to fix it.
 *
 * Pure: decks in, problems out. It runs on parsed decks, so escapes and folded text are seen as the
 * learner sees them.
 */
import type { Card, Deck, Problem, Question, Severity } from './model.js';
import { CardWords, findNearDuplicates, NEAR_DUPLICATE_THRESHOLD } from './near-duplicates.js';
import { LintRule } from './rules.js';
import { StemNumbers, words as wordsOf } from './text-measures.js';

/** The deck-level length rule applies from this many questions: below it, shares are noise. */
export const LENGTH_CUE_MIN_QUESTIONS = 10;
/** Target share of questions whose answer is strictly the longest option. */
export const LONGEST_SHARE = { min: 0.15, max: 0.35 } as const;
/** Most questions whose answer may be strictly the shortest option. */
export const SHORTEST_SHARE_MAX = 0.35;
/** An answer this many times the longest distractor stands out on its own. */
export const LONG_ANSWER_RATIO = 1.5;

/** "the first distractor", "second option", "option B", "choice (c)", "the last answer". */
const OPTION_BY_PLACE =
  /\b(?:first|second|third|fourth|fifth|last|final|top|bottom)\s+(?:distractor|option|choice|answer|alternative)s?\b|\b(?:option|choice|answer|distractor)\s+\(?[a-f]\)?(?![\w'\u2019-])/i;

export interface LintOptions {
  strict?: boolean;
  /** How a file is named in a message about another card (validate shows paths relative to the folder it runs in). */
  displayPath?: (file: string) => string;
}

export function lintDecks(decks: readonly Deck[], options: LintOptions = {}): Problem[] {
  const severity: Severity = options.strict ? 'error' : 'warning';
  const display = options.displayPath ?? ((file: string) => file);
  const problems: Problem[] = [];
  const at = (deck: Deck, card: Card, rule: string, message: string): void => {
    problems.push({ file: deck.file, line: card.line, column: card.column ?? 1, severity, rule, message });
  };
  // Each card's words, split and numbered once, for every rule and for the near-duplicate search.
  const numbers = new StemNumbers();
  const marks = new QuestionMarks();
  const allCards = decks.flatMap((d) => d.cards);
  // In the order of allCards: a flashcard's front and back, a question's question and answer.
  const factWords = new CardWords(allCards.length);
  for (const deck of decks) {
    const questions: Question[] = [];
    for (const card of deck.cards) {
      if (card.kind === 'flashcard') {
        factWords.pushAll(numbers.ofTextInto(card.back, numbers.ofText(card.front)));
        factWords.endCard();
        continue;
      }
      const q = card;
      questions.push(q);
      // Question, answer, distractors: numbered in that order, as they always were.
      const words: QuestionWords = { questionLengths: [], question: [], answer: [], distractors: [] };
      numbers.ofTextInto(q.question, words.question, words.questionLengths);
      numbers.ofTextInto(q.answer, words.answer);
      let longestDistractor = 1;
      for (const d of q.distractors) {
        numbers.ofTextInto(d, words.distractors);
        if (d.length > longestDistractor) longestDistractor = d.length;
      }
      factWords.pushAll(words.question);
      factWords.pushAll(words.answer);
      factWords.endCard();
      marks.set(words);
      const idWord = idGivesAnswer(q, numbers, marks);
      if (idWord) at(deck, q, LintRule.idGivesAnswer, `the card id '${q.id}' holds '${idWord}', a word of the answer that no distractor has (rename the id after the idea, not the answer)`);
      const ratio = q.answer.length / longestDistractor;
      if (ratio >= LONG_ANSWER_RATIO) {
        at(deck, q, LintRule.longAnswer, `the answer is ${ratio.toFixed(1)}x the longest distractor (under ${LONG_ANSWER_RATIO}x: shorten it or give a distractor the same detail)`);
      }
      const place = q.explanation?.match(OPTION_BY_PLACE);
      if (place) at(deck, q, LintRule.optionByPlace, `the explanation names an option by place ('${place[0]}'), but options are shuffled: name it by what it says`);
      const echo = stemEcho(q, words, numbers, marks);
      if (echo) at(deck, q, LintRule.stemEcho, `'${echo}' from the question is repeated in the answer and in no distractor`);
      marks.clear(words);
    }
    if (questions.length >= LENGTH_CUE_MIN_QUESTIONS) problems.push(...lengthCue(deck, questions, severity));
  }
  const deckOf = new Map(decks.map((d) => [d.id, d]));
  for (const { first, second, similarity } of findNearDuplicates(allCards, NEAR_DUPLICATE_THRESHOLD, factWords)) {
    const deck = deckOf.get(second.deck)!;
    const other = deckOf.get(first.deck)!;
    at(deck, second, LintRule.nearDuplicate, `${Math.round(similarity * 100)}% the same as ${first.key} (${display(other.file)}:${first.line}); keep the fact on one card (threshold ${NEAR_DUPLICATE_THRESHOLD * 100}%)`);
  }
  return problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
}

/** A question's words as stem numbers, and the length of each word of the question as written. */
interface QuestionWords {
  questionLengths: number[];
  question: number[];
  answer: number[];
  distractors: number[];
}

const IN_QUESTION = 1;
const IN_ANSWER = 2;
const IN_DISTRACTORS = 4;

/** Where each stem number occurs in the question being linted: set before its rules, cleared after. */
class QuestionMarks {
  private readonly flags: number[] = [];

  set(words: QuestionWords): void {
    this.mark(words.question, IN_QUESTION);
    this.mark(words.answer, IN_ANSWER);
    this.mark(words.distractors, IN_DISTRACTORS);
  }

  clear(words: QuestionWords): void {
    for (const list of [words.question, words.answer, words.distractors]) for (const n of list) this.flags[n] = 0;
  }

  /** In the answer, and in neither the question nor any distractor (for ids: the question may not say it). */
  onlyInAnswer(n: number, allowQuestion: boolean): boolean {
    const f = this.flags[n] ?? 0;
    return (f & IN_ANSWER) !== 0 && (f & IN_DISTRACTORS) === 0 && (allowQuestion || (f & IN_QUESTION) === 0);
  }

  private mark(list: readonly number[], flag: number): void {
    for (const n of list) {
      while (this.flags.length <= n) this.flags.push(0);
      this.flags[n]! |= flag;
    }
  }
}

/** A word of four letters or more in the id that names the answer: in it, in no distractor, not in the question. */
function idGivesAnswer(q: Question, numbers: StemNumbers, marks: QuestionMarks): string | undefined {
  return q.id.split('-').find((part) => part.length >= 4 && marks.onlyInAnswer(numbers.of(part), false));
}

/** A content word of the question (five letters or more, not common) that only the answer repeats. */
function stemEcho(q: Question, words: QuestionWords, numbers: StemNumbers, marks: QuestionMarks): string | undefined {
  for (let i = 0; i < words.question.length; i++) {
    const n = words.question[i]!;
    // The word as written only for the message: StemNumbers numbers the same words `words` gives.
    if (words.questionLengths[i]! >= 5 && !numbers.isCommon(n) && marks.onlyInAnswer(n, true)) return wordsOf(q.question)[i];
  }
  return undefined;
}

function lengthCue(deck: Deck, questions: Question[], severity: Severity): Problem[] {
  const longest = questions.filter((q) => q.distractors.every((d) => q.answer.length > d.length)).length;
  const shortest = questions.filter((q) => q.distractors.every((d) => q.answer.length < d.length)).length;
  const pct = (n: number) => `${Math.round((100 * n) / questions.length)}%`;
  const found: string[] = [];
  const longestShare = longest / questions.length;
  if (longestShare < LONGEST_SHARE.min || longestShare > LONGEST_SHARE.max) {
    found.push(
      `the answer is strictly the longest option in ${pct(longest)} of ${questions.length} questions (target ${LONGEST_SHARE.min * 100}-${LONGEST_SHARE.max * 100}%): ` +
        (longestShare < LONGEST_SHARE.min ? "learners can bet against the longest option" : 'learners can bet on the longest option'),
    );
  }
  if (shortest / questions.length > SHORTEST_SHARE_MAX) {
    found.push(`the answer is strictly the shortest option in ${pct(shortest)} of ${questions.length} questions (target at most ${SHORTEST_SHARE_MAX * 100}%)`);
  }
  return found.map((message) => ({ file: deck.file, line: deck.line, column: deck.column, severity, rule: LintRule.lengthCue, message }));
}
