/** weakestFirst: the order of a --weak quiz, tier by tier. */
import { describe, expect, it } from 'vitest';
import type { CardSchedule } from '../../src/core/events.js';
import { seededRandom } from '../../src/core/random.js';
import { weakestFirst } from '../../src/core/weak-first.js';
import type { Card, Question } from '../../src/deck/model.js';

function question(id: string, topics: string[]): Question {
  return { kind: 'question', deck: 'd', id, key: `d/${id}`, topics, line: 1, question: `${id}?`, answer: 'R', distractors: ['W1', 'W2'] };
}

function schedule(state: CardSchedule['state'], lapses: number): CardSchedule {
  return { due: '2026-12-10T00:00:00.000Z', stability: 10, difficulty: 5, scheduledDays: 10, learningSteps: 0, reps: 3, lapses, state, lastReview: '2026-11-30T00:00:00.000Z' };
}

describe('weakestFirst', () => {
  const pool = [
    question('unseen-strong-topic', ['strong']),
    question('unseen-weak-topic', ['weak']),
    question('answered-right', ['strong']),
    question('fading', ['strong']),
    question('lapsed', ['strong']),
    question('missed', ['strong']),
    question('studied-well', ['weak']),
  ];
  const flashcards: Card[] = [{ kind: 'flashcard', deck: 'd', id: 'f', key: 'd/f', topics: ['strong'], line: 1, front: 'f', back: 'b' }];
  const schedules: Record<string, CardSchedule> = {
    'd/fading': schedule('review', 0),
    'd/lapsed': schedule('review', 2),
    'd/studied-well': schedule('review', 0),
    'd/f': schedule('review', 0),
  };
  const recall: Record<string, number> = { 'd/fading': 0.6, 'd/lapsed': 0.95, 'd/studied-well': 0.97, 'd/f': 0.99 };

  it('missed, then lapsed and fading cards, then seen questions by topic mastery, unseen last', () => {
    for (const seed of [1, 2, 3]) {
      const order = weakestFirst({
        pool,
        cards: [...pool, ...flashcards],
        missed: new Set(['d/missed']),
        answered: new Set(['d/missed', 'd/answered-right']),
        scheduleOf: (key) => schedules[key] ?? null,
        recall: (s) => (s === null ? 0 : recall[Object.keys(schedules).find((k) => schedules[k] === s)!]!),
        desiredRetention: 0.9,
        random: seededRandom(seed),
      }).map((q) => q.id);
      // 'weak' topic: (0 + 0.97) / 2; 'strong': (0 + 0 + 0.6 + 0.95 + 0 + 0.99) / 6, lower still.
      expect(order).toEqual(['missed', 'lapsed', 'fading', 'answered-right', 'studied-well', 'unseen-strong-topic', 'unseen-weak-topic']);
    }
  });
});
