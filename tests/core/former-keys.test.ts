/** Renamed cards keep their history: the pure mapping from former keys (core/former-keys.ts). */
import { describe, expect, it } from 'vitest';
import type { CardSchedule, HistoryEvent } from '../../src/core/events.js';
import { formerKeysOf, FormerKeyRecords, mergeFormerRecords, renameEvent, withFormerKeys, type FormerKeys } from '../../src/core/former-keys.js';
import { applyEvent, briefOf, emptyHistory, reduceEvents, type CardRecord } from '../../src/core/history.js';
import { seededRandom } from '../../src/core/random.js';
import { keysOf } from '../../src/deck/model.js';
import { parseDeckText } from '../../src/deck/parse-deck.js';

const START = Date.UTC(2026, 2, 1, 9, 0, 0);
const at = (minutes: number) => new Date(START + minutes * 60_000).toISOString();
let seq = 0;

function schedule(minutes: number, reps: number, state: CardSchedule['state'] = 'review'): CardSchedule {
  return { due: at(minutes + 60 * 24), stability: reps, difficulty: 5, scheduledDays: 1, learningSteps: 0, reps, lapses: 0, state, lastReview: at(minutes) };
}

function base(minutes: number) {
  return { id: `dev-s-${String(++seq).padStart(4, '0')}`, time: at(minutes), hlc: at(minutes), session: 's' };
}

function review(card: string, minutes: number, reps: number, before: CardSchedule | null = null): HistoryEvent {
  return { type: 'review', ...base(minutes), card, rating: 3, durationMs: 1000, contentHash: `h${reps}`, before, after: schedule(minutes, reps) };
}

const suspend = (card: string, minutes: number): HistoryEvent => ({ type: 'suspend', ...base(minutes), card, reason: 'leech' });
const quizWrong = (card: string, minutes: number): HistoryEvent => ({ type: 'quiz', ...base(minutes), card, chosen: 'x', correct: false, durationMs: 1, quizMode: 'tutor' });
const forgetOf = (card: string, minutes: number): HistoryEvent => ({ type: 'forget', ...base(minutes), card });
const bury = (card: string, minutes: number): HistoryEvent => ({ type: 'bury', ...base(minutes), card, until: at(minutes + 600) });

const KEYS: FormerKeys = formerKeysOf([
  parseDeckText('deck: d\ntitle: t\ncards:\n  - id: stage-not-yet\n    formerly: [contemplation-stage, older-name]\n    front: f\n    back: b\n  - id: other\n    front: g\n    back: b\n', 'd.yaml').deck!,
]);
const NEW = 'd/stage-not-yet';
const OLD = 'd/contemplation-stage';
const OLDER = 'd/older-name';

/** What the history would be had every event been written under the card's current key. */
function renamedReduction(events: HistoryEvent[]) {
  return reduceEvents(events.map((e) => renameEvent(e, KEYS)));
}

describe('former keys', () => {
  it('come from the decks, former key to current key and back, in the order the card lists them', () => {
    expect([...KEYS.currentOf]).toEqual([[OLD, NEW], [OLDER, NEW]]);
    expect([...KEYS.formerOf]).toEqual([[NEW, [OLD, OLDER]]]);
    expect(formerKeysOf([parseDeckText('deck: e\ntitle: t\ncards:\n  - id: a\n    front: f\n    back: b\n', 'e.yaml').deck!]).formerOf.size).toBe(0);
  });

  it('rename events of a former key and leave every other event as it is', () => {
    const old = review(OLD, 1, 1);
    expect(renameEvent(old, KEYS)).toEqual({ ...old, card: NEW });
    const other = review('d/other', 2, 1);
    expect(renameEvent(other, KEYS)).toBe(other);
  });

  it('give a card with history only under a former key that history, and no record under the former key', () => {
    const events = [review(OLD, 1, 1), review(OLD, 2, 2, schedule(1, 1)), suspend(OLD, 3)];
    const cards = withFormerKeys(reduceEvents(events), KEYS).cards;
    expect(cards.get(NEW)).toEqual(renamedReduction(events).cards.get(NEW));
    expect(cards.get(NEW)?.schedule?.reps).toBe(2);
    expect(cards.get(NEW)?.suspended).toBe('leech');
    expect(cards.get(OLD)).toBeUndefined();
    expect(cards.has(OLD)).toBe(false);
    expect(cards.has(NEW)).toBe(true);
    expect([...cards.keys()]).toEqual([NEW]);
    expect(cards.size).toBe(1);
  });

  it('merge the history of both keys as reducing it in event order would: the later event decides each field', () => {
    const events = [
      review(OLD, 1, 1),
      review(OLDER, 2, 7),
      suspend(OLD, 3),
      review(NEW, 10, 3),
      quizWrong(OLD, 11),
      bury(OLDER, 12),
      review(OLD, 5, 2, schedule(1, 1)),
      review('d/other', 4, 1),
    ];
    const merged = withFormerKeys(reduceEvents(events), KEYS).cards;
    const expected = renamedReduction(events).cards;
    expect(merged.get(NEW)).toEqual(expected.get(NEW));
    expect(merged.get(NEW)?.schedule?.reps).toBe(3);
    expect(merged.get(NEW)?.quizWrongAt).toBe(at(11));
    expect(merged.get(NEW)?.reviewIds).toHaveLength(4);
    expect(merged.get('d/other')).toEqual(expected.get('d/other'));
    expect(new Map(merged.entries())).toEqual(new Map(expected.entries()));
    expect(merged.size).toBe(2);
    // A review after the wrong answer, under the other key, takes the card out of "missed".
    const reviewedSince = [...events, review(NEW, 20, 4)];
    expect(withFormerKeys(reduceEvents(reviewedSince), KEYS).cards.get(NEW)?.quizWrongAt).toBeUndefined();
  });

  it('merge 200 random histories over three keys as reducing the renamed events would', () => {
    const random = seededRandom(7);
    const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)]!;
    for (let run = 0; run < 200; run++) {
      const events: HistoryEvent[] = [];
      for (let n = Math.floor(random() * 12); n > 0; n--) {
        const card = pick([NEW, OLD, OLDER]);
        const minutes = Math.floor(random() * 60);
        const kind = random();
        if (kind < 0.4) events.push(review(card, minutes, 1 + Math.floor(random() * 9)));
        else if (kind < 0.6) events.push(quizWrong(card, minutes));
        else if (kind < 0.7) events.push({ type: 'quiz', ...base(minutes), card, chosen: 'y', correct: true, durationMs: 1, quizMode: 'tutor' });
        else if (kind < 0.8) events.push(suspend(card, minutes));
        else if (kind < 0.9) events.push({ type: 'unsuspend', ...base(minutes), card });
        else events.push(bury(card, minutes));
      }
      const merged = withFormerKeys(reduceEvents(events), KEYS).cards;
      const expected = renamedReduction(events).cards;
      expect(new Map(merged.entries()), JSON.stringify(events)).toEqual(new Map(expected.entries()));
    }
  });

  it('let a forget of the current key forget the former keys too, but a forget of a former key only that key', () => {
    const reset = [review(OLD, 1, 1), review(NEW, 2, 2), forgetOf(NEW, 3)];
    const afterReset = withFormerKeys(reduceEvents(reset), KEYS).cards.get(NEW)!;
    expect(afterReset.schedule).toBeNull();
    expect(afterReset.lastReviewTime).toBeUndefined();
    // `crss prune` of the orphaned former key, then the renamed card studied afresh: its own history stays.
    const pruned = [review(OLD, 1, 1), forgetOf(OLD, 2), review(NEW, 1.5, 5), review(NEW, 4, 6)];
    const afterPrune = withFormerKeys(reduceEvents(pruned), KEYS).cards.get(NEW)!;
    expect(afterPrune.schedule?.reps).toBe(6);
    expect(afterPrune.firstReviewTime).toBe(at(1.5));
  });

  it('leave the records given untouched and return a single record as it is', () => {
    const state = reduceEvents([review(OLD, 1, 1), review(NEW, 2, 2)]);
    const own = structuredClone(state.cards.get(NEW)!);
    const old = structuredClone(state.cards.get(OLD)!);
    mergeFormerRecords(state.cards.get(NEW), [state.cards.get(OLD)!]);
    expect(state.cards.get(NEW)).toEqual(own);
    expect(state.cards.get(OLD)).toEqual(old);
    const only: CardRecord = state.cards.get(OLD)!;
    expect(mergeFormerRecords(undefined, [only])).toBe(only);
    expect(mergeFormerRecords(only, [])).toBe(only);
  });

  it('count a renamed card once for the new-card limit, and give its merged brief in columns', () => {
    const day = Date.parse(at(0));
    const state = reduceEvents([review(OLD, -60 * 24, 1), review(NEW, 30, 2), review('d/other', 40, 1)]);
    expect(state.cards.countReviewedSince(day)).toEqual({ first: 2, again: 0 });
    const cards = withFormerKeys(state, KEYS).cards;
    // Studied yesterday under its old id, again today under its new one: reviewed again, not introduced.
    expect(cards.countReviewedSince(day)).toEqual({ first: 1, again: 1 });
    const keys = ['d/other', NEW];
    const joined = { text: keys.join(''), ends: new Uint32Array([keys[0]!.length, keys[0]!.length + NEW.length]) };
    for (const columns of [cards.briefsOf(keys), cards.briefsOf(keysOf(joined), joined)]) {
      expect(columns.known[1]).toBe(1);
      expect(columns.due[1]).toBe(briefOf(cards.get(NEW)!).due);
    }
    expect(cards.brief(NEW)).toEqual(briefOf(cards.get(NEW)!));
    expect(cards.brief(OLD)).toBeUndefined();
  });

  it('read through to the history: events applied after the view was made show in it', () => {
    const state = emptyHistory();
    applyEvent(state, review(OLD, 1, 1));
    const view = withFormerKeys(state, KEYS);
    applyEvent(state, review(OLD, 2, 2));
    applyEvent(state, review(NEW, 3, 3));
    expect(view.cards.get(NEW)?.schedule?.reps).toBe(3);
    expect(view.reviewCount).toBe(3);
    expect(view.clock).toBe(at(3));
    expect(view.cards).toBeInstanceOf(FormerKeyRecords);
    expect(withFormerKeys(state, formerKeysOf([]))).toBe(state);
  });

  it('is the history itself when nothing is recorded under a former key (what a process appends is under current keys)', () => {
    const empty = emptyHistory();
    expect(withFormerKeys(empty, KEYS)).toBe(empty);
    const current = emptyHistory();
    applyEvent(current, review(NEW, 1, 1));
    expect(withFormerKeys(current, KEYS)).toBe(current);
  });
});
