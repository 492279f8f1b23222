/** The bundled decks: enough content, the right mix, sources from the fact base, and --strict clean. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findDeckFiles } from '../../src/deck/deck-files.js';
import { loadDeckFiles } from '../../src/deck/load-decks.js';
import { DOMAINS, type Card, type Domain, type Question } from '../../src/deck/model.js';
import { findNearDuplicates } from '../../src/deck/near-duplicates.js';
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
    const r = runCrss(['validate', '--strict']);
    expect(r.status, r.stdout).toBe(0);
    expect(r.stdout).toMatch(/cards checked: no problems\n$/);
  });

  it('hold at least 450 questions and 300 flashcards', () => {
    expect(questions.length).toBeGreaterThanOrEqual(450);
    expect(flashcards.length).toBeGreaterThanOrEqual(300);
  });

  it('cover the whole blueprint: 8 questions and 4 flashcards on each topic of sections 2.17-2.28, in its domain', () => {
    const TOPIC_DOMAINS: Record<string, Domain> = {
      'harm-reduction': 'recovery-support',
      moud: 'recovery-support',
      naloxone: 'recovery-support',
      wrap: 'recovery-support',
      'evidence-based-practices': 'recovery-support',
      'co-occurring': 'recovery-support',
      crisis: 'professional-responsibility',
      documentation: 'professional-responsibility',
      'digital-boundaries': 'professional-responsibility',
      'recovery-planning': 'advocacy',
      'resource-navigation': 'advocacy',
      rights: 'advocacy',
      stigma: 'advocacy',
      family: 'mentoring',
    };
    for (const [topic, domain] of Object.entries(TOPIC_DOMAINS)) {
      expect(questions.filter((q) => has(topic)(q) && q.domain === domain).length, topic).toBeGreaterThanOrEqual(8);
      expect(flashcards.filter((f) => has(topic)(f) && f.domain === domain).length, topic).toBeGreaterThanOrEqual(4);
    }
  });

  it('hold the credential deck (format, eligibility, CRSS and CPRS, recertification) in at least 30 cards', () => {
    expect(decks.find((d) => d.id === 'crss-exam')?.cards.length).toBeGreaterThanOrEqual(30);
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

  it('have at least 100 questions in each exam domain, and a third of questions are scenarios', () => {
    for (const domain of DOMAINS) expect(questions.filter((q) => q.domain === domain).length, domain).toBeGreaterThanOrEqual(100);
    expect(questions.filter(has('scenario')).length * 3).toBeGreaterThanOrEqual(questions.length);
  });

  it('give no cue by length either way: per deck, the answer strictly longest in 20-30% of questions, strictly shortest in at most 30%', () => {
    const shares = decks
      .map((d) => {
        const qs = d.cards.filter((c): c is Question => c.kind === 'question');
        const longest = qs.filter((q) => q.distractors.every((x) => q.answer.length > x.length)).length;
        const shortest = qs.filter((q) => q.distractors.every((x) => q.answer.length < x.length)).length;
        return { deck: d.id, questions: qs.length, longest: longest / qs.length, shortest: shortest / qs.length };
      })
      .filter((s) => s.questions >= 10);
    expect(shares.length).toBeGreaterThanOrEqual(10);
    expect(shares.filter((s) => s.longest < 0.2 || s.longest > 0.3 || s.shortest > 0.3)).toEqual([]);
  });

  it('teach each fact once: no two cards 80% alike across the bundled decks', () => {
    expect(findNearDuplicates(cards).map(({ first, second }) => `${first.key} ~ ${second.key}`)).toEqual([]);
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
