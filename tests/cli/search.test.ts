/** crss search, crss show and crss config set decks, through the real binary. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isolatedEnv, middayZone, runCrss, tempDir } from '../helpers/run-crss.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/valid');

function setup() {
  const env = isolatedEnv({ CRSS_DECKS: FIXTURES, TZ: middayZone() });
  env.CRSS_DATA_DIR = join(env.HOME!, 'crss-data');
  return env;
}

describe('crss search', () => {
  it('finds cards holding every word, in any case, with their state', () => {
    const env = setup();
    const r = runCrss(['search', 'SERVICE let', '--deck', 'sample'], { env });
    expect(r).toMatchObject({ status: 0, stderr: '' });
    expect(r.stdout).toBe('sample/first-step · question · new\n  A person says every service let them down. What fits first?\n1 card (crss show DECK/ID shows one whole).\n');
    expect(runCrss(['search', 'zebra'], { env }).stdout).toBe('No cards match.\n');
    expect(runCrss(['search', 'example.org/a'], { env }).stdout).toContain('sample/relationship-first');
    const json = JSON.parse(runCrss(['search', 'the', '--deck', 'sample', '--json'], { env }).stdout);
    expect(json).toEqual([
      { key: 'sample/relationship-first', kind: 'flashcard', prompt: 'What comes before any plan in peer support?', state: 'new', suspended: false },
      { key: 'sample/first-step', kind: 'question', prompt: 'A person says every service let them down. What fits first?', state: 'new', suspended: false },
    ]);
    expect(runCrss(['search', 'the', '--topic', 'scenario', '--json'], { env }).stdout).not.toContain('relationship-first');
    expect(runCrss(['search'], { env })).toMatchObject({ status: 2, stderr: 'crss: search for what? give some words, or --suspended or --leeches\n' });
  });

  it('lists suspended cards, which study no longer shows', () => {
    const env = setup();
    // Reveal the first card of study-sample, then suspend it.
    expect(runCrss(['study', '--plain', '--deck', 'study-sample'], { env, input: '\ns\n' }).status).toBe(0);
    const r = runCrss(['search', '--suspended'], { env });
    expect(r.stdout).toMatch(/^study-sample\/[a-z0-9-]+ · flashcard · new · suspended\n {2}.+\n1 card \(crss show DECK\/ID shows one whole\)\.\n$/);
    expect(runCrss(['search', '--leeches'], { env }).stdout).toBe('No cards match.\n');
  });
});

describe('crss show', () => {
  it('prints the whole card, its state, next due and history', () => {
    const env = setup();
    expect(runCrss(['study', '--plain', '--deck', 'sample'], { env, input: '\n3\n' }).status).toBe(0);
    const r = runCrss(['show', 'sample/relationship-first'], { env });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(
      new RegExp(
        [
          '^sample/relationship-first · flashcard · tests/fixtures/valid/two-kinds.yaml:7',
          'topics: relationships, trust · domain: mentoring',
          '',
          'Front: What comes before any plan in peer support\\?',
          'Back: The relationship\\.',
          'Source: https://example.org/a',
          '',
          'State: learning · due [A-Z][a-z]+ \\d+, \\d{4}, \\d+:\\d{2} [AP]M',
          '  stability \\d+\\.\\d d · difficulty \\d+\\.\\d · 1 review · 0 lapses',
          '',
          'History \\(1 event, oldest first\\)',
          '  [A-Z][a-z]+ \\d+, \\d{4}, \\d+:\\d{2} [AP]M +study   good, next in 10m',
          '$',
        ].join('\\n'),
      ),
    );
    const question = runCrss(['show', 'sample/first-step'], { env }).stdout;
    expect(question).toContain('Q: A person says every service let them down. What fits first?\nAnswer: Listen and acknowledge how hard that was.\nWrong: Explain the program rules.\nWrong: Promise this program is different.\nWhy: Being heard');
    expect(question).toContain('State: new\n\nHistory: none yet\n');
    const json = JSON.parse(runCrss(['show', 'sample/relationship-first', '--json'], { env }).stdout);
    expect(json.card).toMatchObject({ key: 'sample/relationship-first', front: 'What comes before any plan in peer support?' });
    expect(json.history).toHaveLength(1);
    expect(json.history[0]).toMatchObject({ type: 'review', rating: 3 });
  });

  it('names close cards for an unknown id, and the decks for an unknown deck', () => {
    const env = setup();
    expect(runCrss(['show', 'sample/first-stp'], { env })).toMatchObject({ status: 2, stderr: "crss: unknown card 'sample/first-stp' (did you mean 'sample/first-step'?)\n" });
    expect(runCrss(['show', 'nope/x'], { env })).toMatchObject({ status: 2, stderr: "crss: unknown card 'nope/x'; see crss decks\n" });
  });
});

describe('crss config set decks', () => {
  it('keeps deck folders between runs, from any folder, until set to none', () => {
    const env = isolatedEnv();
    env.CRSS_DATA_DIR = join(env.HOME!, 'crss-data');
    const mine = tempDir();
    mkdirSync(join(mine, 'more'));
    writeFileSync(join(mine, 'more', 'mine.yaml'), 'deck: mine\ntitle: Mine\ncards:\n  - id: one\n    front: Front?\n    back: Back.\n');
    expect(runCrss(['config', 'set', 'decks', `more:${FIXTURES}`], { env, cwd: mine })).toMatchObject({ status: 0, stdout: `decks = ${join(mine, 'more')}:${FIXTURES}\n` });
    const decks = (cwd: string) => (JSON.parse(runCrss(['decks', '--json'], { env, cwd }).stdout) as { deck: string }[]).map((d) => d.deck);
    expect(decks(tempDir())).toEqual(expect.arrayContaining(['mine', 'sample', 'study-sample']));
    expect(runCrss(['config', 'get', 'decks'], { env }).stdout).toBe(`${join(mine, 'more')}:${FIXTURES}\n`);
    expect(runCrss(['config', 'set', 'decks', 'nowhere'], { env, cwd: mine })).toMatchObject({ status: 2, stderr: 'crss: decks: no such folder: nowhere\n' });
    expect(runCrss(['config', 'set', 'decks', 'none'], { env })).toMatchObject({ status: 0, stdout: 'decks = none\n' });
    expect(decks(mine)).not.toContain('mine');
  });
});
