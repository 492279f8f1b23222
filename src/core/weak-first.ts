/**
 * `crss quiz --weak`: questions in order of weakness (pure). First the questions missed and not
 * answered right since; then cards that lapsed in study or whose recall has fallen below the desired
 * retention (lapsed first, then lowest recall); then the other questions already seen, from the topics
 * with the lowest mastery; questions never studied nor answered come last, weakest topics first.
 * Ties are broken by the seeded `random`, so a seed repeats the quiz.
 */
import type { Card, Question } from '../deck/model.js';
import type { CardKey, CardSchedule } from './events.js';
import { shuffle, type Random } from './random.js';

export interface WeakInput {
  /** The questions the filters allow. */
  pool: Question[];
  /** Every loaded card: topic mastery counts flashcards too. */
  cards: Card[];
  missed: Set<CardKey>;
  /** Questions answered in any quiz. */
  answered: Set<CardKey>;
  scheduleOf(key: CardKey): CardSchedule | null;
  /** Recall probability now (0 for a card never studied). */
  recall(schedule: CardSchedule | null): number;
  desiredRetention: number;
  random: Random;
}

export function weakestFirst(input: WeakInput): Question[] {
  const recallOf = new Map<CardKey, number>();
  const topicSum = new Map<string, { sum: number; cards: number }>();
  for (const card of input.cards) {
    const r = input.recall(input.scheduleOf(card.key));
    recallOf.set(card.key, r);
    for (const topic of card.topics) {
      const t = topicSum.get(topic) ?? { sum: 0, cards: 0 };
      t.sum += r;
      t.cards++;
      topicSum.set(topic, t);
    }
  }
  const topicMastery = (q: Question) => Math.min(...q.topics.map((t) => {
    const s = topicSum.get(t);
    return s ? s.sum / s.cards : 0;
  }));
  const ranked = shuffle(input.pool, input.random).map((q) => {
    const schedule = input.scheduleOf(q.key);
    const studied = schedule !== null && schedule.state !== 'new';
    const recall = recallOf.get(q.key) ?? input.recall(schedule);
    const lapsed = studied && schedule.lapses > 0;
    let tier: number;
    if (input.missed.has(q.key)) tier = 0;
    else if (lapsed || (studied && recall < input.desiredRetention)) tier = 1;
    else if (studied || input.answered.has(q.key)) tier = 2;
    else tier = 3;
    // Tier 1 orders lapsed cards first, then by recall; tiers 2 and 3 by their weakest topic's mastery.
    const weight = tier === 1 ? (lapsed ? -1 : 0) + recall : tier >= 2 ? topicMastery(q) : 0;
    return { q, tier, weight };
  });
  ranked.sort((a, b) => a.tier - b.tier || a.weight - b.weight);
  return ranked.map((r) => r.q);
}
