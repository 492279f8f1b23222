/** The bundled decks: enough content, the right mix, sources from the fact base, and --strict clean. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findDeckFiles } from '../../src/deck/deck-files.js';
import { loadDeckFiles } from '../../src/deck/load-decks.js';
import { DOMAINS, type Card, type Question } from '../../src/deck/model.js';
import { ROOT, runCrss } from '../helpers/run-crss.js';

const { decks, problems } = await loadDeckFiles(findDeckFiles([join(ROOT, 'decks')]), undefined, { strict: true });
const cards = decks.flatMap((d) => d.cards);
const questions = cards.filter((c): c is Question => c.kind === 'question');
const flashcards = cards.filter((c) => c.kind === 'flashcard');
const has = (topic: string) => (c: Card) => c.topics.includes(topic);

/** Prep sites ([C] in the fact base) are never a card's source. */
const PREP_SITES = /examzify|practicetestgeeks|knowt\.com|jeopardylabs|stuvia|open-exam-prep|eatsip365|visualfoodie|winenfood|eathealthy365|brainscape|zenobits|bartleby/;

describe('bundled decks', () => {
  it('load without any problem under --strict', () => {
    expect(problems).toEqual([]);
    const r = runCrss(['validate']);
    expect(r.status, r.stdout).toBe(0);
  });

  it('hold at least 200 questions and 150 flashcards', () => {
    expect(questions.length).toBeGreaterThanOrEqual(200);
    expect(flashcards.length).toBeGreaterThanOrEqual(150);
  });

  it('cover the relationship concepts: 40 questions and 40 flashcards, 8 questions on each core concept', () => {
    expect(questions.filter(has('relationships')).length).toBeGreaterThanOrEqual(40);
    expect(flashcards.filter(has('relationships')).length).toBeGreaterThanOrEqual(40);
    for (const concept of ['trust', 'rapport', 'collaboration', 'strengths-based']) {
      expect(questions.filter((q) => has('relationships')(q) && has(concept)(q)).length, concept).toBeGreaterThanOrEqual(8);
    }
    for (const concept of ['active-listening', 'empathy', 'motivation']) {
      expect(cards.filter((c) => has('relationships')(c) && has(concept)(c)).length, concept).toBeGreaterThan(0);
    }
  });

  it('have at least 40 questions in each exam domain, and a third of questions are scenarios', () => {
    for (const domain of DOMAINS) expect(questions.filter((q) => q.domain === domain).length, domain).toBeGreaterThanOrEqual(40);
    expect(questions.filter(has('scenario')).length * 3).toBeGreaterThanOrEqual(questions.length);
  });

  it('do not give answers away by length: at most a third are the strictly longest option', () => {
    const longest = questions.filter((q) => q.distractors.every((d) => q.answer.length > d.length));
    expect(longest.length * 3).toBeLessThanOrEqual(questions.length);
  });

  it('cite a source from the fact base on every card, never a prep site', () => {
    const known = new Set((JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/fact-sources.json'), 'utf8')) as { urls: string[] }).urls);
    const unknown = cards.filter((c) => !c.source || !known.has(c.source)).map((c) => `${c.key}: ${c.source}`);
    expect(unknown).toEqual([]);
    expect(cards.filter((c) => PREP_SITES.test(c.source ?? '')).map((c) => c.key)).toEqual([]);
  });

  it('every relationships card carries a concept tag and a domain', () => {
    const concepts = ['trust', 'rapport', 'collaboration', 'strengths-based', 'active-listening', 'empathy', 'motivation'];
    const rel = decks.find((d) => d.id === 'relationships');
    expect(rel).toBeDefined();
    expect(rel!.cards.filter((c) => !c.topics.some((t) => concepts.includes(t)) || !c.domain).map((c) => c.key)).toEqual([]);
  });
});
