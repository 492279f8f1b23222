/**
 * Quizzes as pure functions: choosing questions (by filters, missed answers, an exam's domain spread),
 * shuffling options, and scoring. Randomness comes in as a seeded `Random`.
 */
import { DOMAINS, type Domain, type Question } from '../deck/model.js';
import { mergeKey } from './clock.js';
import type { CardKey, QuizAttemptInfo, QuizEvent } from './events.js';
import { shuffle, shuffleOptions, type Random } from './random.js';

/** The real exam: 100 questions in 2 hours (72 s each), pass mark 68 on a 0-100 scale (facts file §1.3). */
export const EXAM_QUESTIONS = 100;
export const EXAM_SECONDS_PER_QUESTION = 72;
export const EXAM_PASS_MARK = 68;
export const TUTOR_DEFAULT_COUNT = 10;

export interface QuizItem {
  card: Question;
  /** The options in display order; letters follow this order. */
  options: string[];
}

export interface QuizAnswer {
  /** Index into the item's options, or null when unanswered. */
  choice: number | null;
  durationMs: number;
  flagged?: boolean;
}

/** Picks `count` questions at random; in exam mode spread over the four domains as evenly as the bank allows. */
export function chooseQuestions(pool: Question[], count: number, random: Random, exam: boolean): Question[] {
  if (!exam) return shuffle(pool, random).slice(0, count);
  const byDomain = new Map<Domain | 'none', Question[]>();
  for (const q of shuffle(pool, random)) {
    const key = q.domain ?? 'none';
    byDomain.set(key, [...(byDomain.get(key) ?? []), q]);
  }
  // Round-robin over domains: each domain gives one question per round until the count is reached.
  const order: (Domain | 'none')[] = [...DOMAINS, 'none'];
  const picked: Question[] = [];
  while (picked.length < count) {
    let took = false;
    for (const d of order) {
      const list = byDomain.get(d);
      if (list && list.length > 0 && picked.length < count) {
        picked.push(list.shift()!);
        took = true;
      }
    }
    if (!took) break;
  }
  return shuffle(picked, random);
}

export function buildQuiz(questions: Question[], random: Random): QuizItem[] {
  return questions.map((card) => ({ card, options: shuffleOptions(card.answer, card.distractors, random) }));
}

export function isCorrect(item: QuizItem, answer: QuizAnswer | undefined): boolean {
  return answer?.choice !== null && answer?.choice !== undefined && item.options[answer.choice] === item.card.answer;
}

export interface Tally {
  correct: number;
  total: number;
}

export interface QuizResult {
  score: number;
  total: number;
  percent: number;
  passed: boolean | null;
  byTopic: Record<string, Tally>;
  byDomain: Record<string, Tally>;
  missed: CardKey[];
}

/** Topics that say what kind of item a card is rather than what it is about are left out of the breakdown. */
const NON_SUBJECT_TOPICS = new Set(['scenario']);

export function scoreQuiz(items: QuizItem[], answers: (QuizAnswer | undefined)[], exam: boolean): QuizResult {
  const byTopic: Record<string, Tally> = {};
  const byDomain: Record<string, Tally> = {};
  const missed: CardKey[] = [];
  let score = 0;
  items.forEach((item, i) => {
    const ok = isCorrect(item, answers[i]);
    if (ok) score++;
    else missed.push(item.card.key);
    for (const topic of item.card.topics) {
      if (NON_SUBJECT_TOPICS.has(topic)) continue;
      const t = (byTopic[topic] ??= { correct: 0, total: 0 });
      t.total++;
      if (ok) t.correct++;
    }
    const d = (byDomain[item.card.domain ?? 'none'] ??= { correct: 0, total: 0 });
    d.total++;
    if (ok) d.correct++;
  });
  const total = items.length;
  const percent = total === 0 ? 0 : Math.round((score / total) * 1000) / 10;
  return { score, total, percent, passed: exam ? percent >= EXAM_PASS_MARK : null, byTopic, byDomain, missed };
}

/**
 * Questions answered wrong at some point and not answered right since. "Since" is the order of the
 * hybrid logical clock (core/clock.ts: the stamp, or the time of an answer from before stamps; ties to
 * the larger id), so an answer given after another machine's was read orders after it, whatever the
 * two clocks say.
 */
export function missedQuestions(answers: Iterable<Pick<QuizEvent, 'id' | 'card' | 'correct' | 'time' | 'hlc'>>): Set<CardKey> {
  const last = new Map<CardKey, { correct: boolean; key: string }>();
  for (const a of answers) {
    const key = mergeKey(a);
    const prev = last.get(a.card);
    if (!prev || prev.key < key) last.set(a.card, { correct: a.correct, key });
  }
  return new Set([...last].filter(([, a]) => !a.correct).map(([card]) => card));
}

/** The event that saves one answer (choice null: unanswered when an exam was submitted). */
export function quizAnswerEvent(item: QuizItem, choice: number | null, durationMs: number, at: { id: string; time: string; session: string; exam: boolean; attempt: QuizAttemptInfo }): QuizEvent {
  return {
    type: 'quiz',
    id: at.id,
    time: at.time,
    session: at.session,
    card: item.card.key,
    chosen: choice === null ? null : item.options[choice]!,
    correct: choice !== null && item.options[choice] === item.card.answer,
    durationMs,
    quizMode: at.exam ? 'exam' : 'tutor',
    attempt: at.attempt,
    ...(item.card.domain ? { domain: item.card.domain } : {}),
  };
}
