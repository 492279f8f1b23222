/**
 * A card renamed with `formerly:` keeps the learner's history, through the real binary and a real data
 * folder: reviews and quiz answers written under the old id count for the card under its new id.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isolatedEnv, runCrss } from '../helpers/run-crss.js';

const FLASH = `    front: What comes before any plan in peer support?
    back: The relationship.
`;
const QUESTION = `    question: A person is thinking about change but is not yet ready. Which stage is that?
    answer: Contemplation
    distractors: [Action, Maintenance, Relapse]
`;

/** The deck with its cards' ids, and `formerly` lines when given. */
function deckText(flashId: string, questionId: string, formerly: { flash?: string; question?: string } = {}): string {
  const lines = (id: string, old: string | undefined) => `  - id: ${id}\n${old ? `    formerly: [${old}]\n` : ''}`;
  return `deck: renames\ntitle: Renamed cards\ndomain: mentoring\ncards:\n${lines(flashId, formerly.flash)}${FLASH}${lines(questionId, formerly.question)}${QUESTION}`;
}

function setup() {
  const env = isolatedEnv({ TZ: 'UTC', CRSS_NOW: '2026-03-02T12:00:00.000Z' });
  const decks = join(env.HOME!, 'decks');
  mkdirSync(decks);
  env.CRSS_DECKS = decks;
  env.CRSS_DATA_DIR = join(env.HOME!, 'crss-data');
  const file = join(decks, 'renames.yaml');
  return { env, file, run: (args: string[], input = '') => runCrss(args, { env, input }) };
}

describe('a card renamed with formerly', () => {
  it('keeps its reviews and quiz answers in study, stats, show, search, quiz --missed and prune', () => {
    const { env, file, run } = setup();
    writeFileSync(file, deckText('old-flash', 'old-q'));
    // Both cards studied (Easy: due in days), then the question answered wrong in a quiz.
    const studied = run(['study', '--plain', '--deck', 'renames'], '\n4\n\n4\n');
    expect(studied.stdout).toContain('Cards reviewed: 2');
    // An hour later (each run's clock starts at CRSS_NOW): the wrong answer comes after the review.
    env.CRSS_NOW = '2026-03-02T13:00:00.000Z';
    let missed: string[] = [];
    for (const letter of 'ABCD') {
      const quiz = run(['quiz', '--plain', '--deck', 'renames', '--seed', '1', '--json'], `${letter}\n`);
      expect(quiz.status).toBe(0);
      missed = JSON.parse(quiz.stdout).missed;
      if (missed.length > 0) break;
    }
    expect(missed).toEqual(['renames/old-q']);
    const logs = join(env.CRSS_DATA_DIR!, 'logs');
    const logText = () => readdirSync(logs).map((f) => readFileSync(join(logs, f), 'utf8')).join('');
    const written = logText();

    // Renamed without formerly: the history stays with the old ids, and the cards look new.
    writeFileSync(file, deckText('card-one', 'stage-not-yet'));
    expect(run(['study', '--plain', '--deck', 'renames'], 'q\n').stdout).toContain('renames/card-one · new');
    expect(run(['quiz', '--plain', '--deck', 'renames', '--missed'], '').stderr).toContain('no missed questions to retake');
    expect(JSON.parse(run(['stats', '--json']).stdout).byDomain.mentoring.studied).toBe(0);

    writeFileSync(file, deckText('card-one', 'stage-not-yet', { flash: 'old-flash', question: 'old-q' }));
    expect(run(['validate', file])).toMatchObject({ status: 0 });
    // Study: the flashcard is not due for days; the question is back only because of the wrong answer.
    const study = run(['study', '--plain', '--deck', 'renames'], 'q\n');
    expect(study.status).toBe(0);
    expect(study.stdout).not.toContain('card-one');
    expect(study.stdout).not.toContain('· new');
    expect(study.stdout).toContain('[1/1] renames');

    const stats = JSON.parse(run(['stats', '--json']).stdout);
    expect(stats.reviews).toBe(2);
    expect(stats.states).toMatchObject({ new: expect.any(Number), review: 2, learning: 0 });
    expect(stats.byDomain.mentoring.studied).toBe(2);
    expect(stats.missedWaiting).toBe(1);

    const shown = run(['show', 'renames/card-one', '--json']);
    expect(shown.status).toBe(0);
    const card = JSON.parse(shown.stdout);
    expect(card.status.state).toBe('review');
    expect(card.card.formerly).toEqual(['old-flash']);
    expect(card.schedule.reps).toBe(1);
    expect(card.history.map((e: { type: string; card: string }) => `${e.type} ${e.card}`)).toEqual(['review renames/card-one']);
    expect(run(['show', 'renames/card-one']).stdout).toMatch(/\nState: review · due /);

    // The old key names the card it became.
    const byOldKey = run(['show', 'renames/old-flash', '--json']);
    expect(byOldKey).toMatchObject({ status: 0, stderr: 'crss: renames/old-flash is now renames/card-one\n' });
    expect(JSON.parse(byOldKey.stdout).card.key).toBe('renames/card-one');

    const found = JSON.parse(run(['search', 'Contemplation', '--deck', 'renames', '--json']).stdout);
    expect(found).toEqual([expect.objectContaining({ key: 'renames/stage-not-yet', state: 'review' })]);

    const retake = run(['quiz', '--plain', '--deck', 'renames', '--missed', '--json'], 'A\n');
    expect(retake.status).toBe(0);
    expect(JSON.parse(retake.stdout).items.map((i: { id: string }) => i.id)).toEqual(['renames/stage-not-yet']);

    const exported = JSON.parse(run(['export', '--format', 'json', '--deck', 'renames']).stdout);
    expect(exported[0].cards.map((c: { id: string; formerly?: string[] }) => [c.id, c.formerly])).toEqual([['card-one', ['old-flash']], ['stage-not-yet', ['old-q']]]);

    // The old ids' history is the renamed cards' now: not orphaned, so prune offers nothing.
    expect(run(['prune', '--dry-run']).stdout).toBe('No orphaned history: every card with history is in a loaded deck.\n');
    // Nothing read rewrote a line the earlier sessions wrote.
    expect(logText().startsWith(written)).toBe(true);
  });

  it('keeps a suspension made under the old id, which unsuspend takes back by either id', () => {
    const { file, run } = setup();
    writeFileSync(file, deckText('old-flash', 'old-q'));
    // Reveal the flashcard, then suspend it.
    expect(run(['study', '--plain', '--deck', 'renames'], '\ns\nq\n').status).toBe(0);
    writeFileSync(file, deckText('card-one', 'stage-not-yet', { flash: 'old-flash' }));
    expect(JSON.parse(run(['search', '--suspended', '--deck', 'renames', '--json']).stdout).map((c: { key: string }) => c.key)).toEqual(['renames/card-one']);
    expect(run(['study', '--plain', '--deck', 'renames'], 'q\n').stdout).not.toContain('card-one');
    const unsuspended = run(['unsuspend', 'renames/old-flash']);
    expect(unsuspended).toMatchObject({ status: 0, stdout: 'Unsuspended renames/card-one.\n' });
    expect(run(['unsuspend', 'renames/card-one']).stdout).toBe('renames/card-one is not suspended.\n');
    expect(JSON.parse(run(['search', '--suspended', '--deck', 'renames', '--json']).stdout)).toEqual([]);
  });

  it('is refused with file:line:col when a former id is a current card or listed twice', () => {
    const { file, run } = setup();
    writeFileSync(file, deckText('card-one', 'old-q', { flash: 'old-q' }));
    const inUse = run(['validate', file]);
    expect(inUse.status).toBe(1);
    expect(inUse.stdout + inUse.stderr).toContain(`renames.yaml:6:16: error: former id 'old-q' is the id of the card at line 9; a former id must be one no card has now [former-id-in-use]`);
    writeFileSync(file, deckText('card-one', 'card-two', { flash: 'old', question: 'old' }));
    const twice = run(['validate', file]);
    expect(twice.status).toBe(1);
    expect(twice.stdout + twice.stderr).toContain(`renames.yaml:10:16: error: former id 'old' is already listed by card 'card-one' at line 6 [duplicate-former-id]`);
  });
});
