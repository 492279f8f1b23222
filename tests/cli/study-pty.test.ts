/** `crss study` in a real pseudo-terminal: single keys, undo, quit and Ctrl-C. */
import { chmodSync, copyFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LETTERS } from '../../src/core/random.js';
import type { Question } from '../../src/deck/model.js';
import { studyOptions } from '../../src/format/study-card.js';
import { BIN, isolatedEnv, middayZone, tempDir } from '../helpers/run-crss.js';
import { runInPty } from '../helpers/pty.js';

const DECKS = join(import.meta.dirname, '../fixtures/valid');

function setup() {
  const env = isolatedEnv({ CRSS_DECKS: DECKS, CRSS_DEVICE: 'pty-device', TZ: middayZone() });
  env.CRSS_DATA_DIR = join(env.HOME!, 'crss-data');
  return env;
}

function reviews(env: Record<string, string>): Array<{ type: string; card: string; rating?: number; target?: string; id: string }> {
  const dir = join(env.CRSS_DATA_DIR!, 'logs');
  return readdirSync(dir).flatMap((f) =>
    readFileSync(join(dir, f), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).e)
      .filter((e: { type: string }) => e.type !== 'header'),
  );
}

describe('crss study in a terminal', () => {
  it('reveals, rates, undoes and quits with q; the history holds exactly the kept ratings', async () => {
    const env = setup();
    const pty = runInPty([process.execPath, BIN, 'study', '--deck', 'study-sample'], env);
    await pty.waitFor('Q: What comes first in peer support?');
    pty.type('3');
    await pty.waitFor('Show the answer first (Space), then rate it.');
    pty.type(' ');
    await pty.waitFor(/1 Again · 1m {3}2 Hard · 6m {3}3 Good · 10m/);
    pty.type('3');
    await pty.waitFor('Q: What does OARS stand for?');
    pty.type(' ');
    await pty.waitFor('A: Open questions, affirmations, reflections, summaries.');
    pty.type('1');
    await pty.waitFor('Q: A person says every service let them down.');
    pty.type('u');
    await pty.waitFor(/Q: What does OARS stand for\?[\s\S]*Q: A person says[\s\S]*Q: What does OARS stand for\?/);
    pty.type(' ');
    await pty.waitFor(/A: Open questions[\s\S]*A: Open questions/);
    pty.type('4');
    await pty.waitFor(/Q: A person says[\s\S]*Q: A person says/);
    pty.type('q');
    expect(await pty.exited).toBe(0);
    expect(pty.output()).toContain('Session over.');
    const events = reviews(env);
    expect(events.map((e) => [e.type, e.card, e.rating])).toEqual([
      ['review', 'study-sample/relationship-first', 3],
      ['review', 'study-sample/oars', 1],
      ['undo', 'study-sample/oars', undefined],
      ['review', 'study-sample/oars', 4],
    ]);
    expect(events[2]!.target).toBe(events[1]!.id);
  });

  it('answers a question card by its letter: wrong, with the answer and explanation, Again proposed; Enter accepts it', async () => {
    const env = setup();
    const options = studyOptions({ key: 'study-sample/first-step', answer: 'Listen and acknowledge how hard that was.', distractors: ['Explain the program rules.', 'None of the above'] } as Question);
    const wrong = LETTERS[options.indexOf('Explain the program rules.')]!;
    const pty = runInPty([process.execPath, BIN, 'study', '--deck', 'study-sample'], env);
    await pty.waitFor('Q: What comes first in peer support?');
    pty.type(' ');
    await pty.waitFor('Space or Enter: 3 Good');
    pty.type('\r'); // Good, as in Anki
    await pty.waitFor('Q: What does OARS stand for?');
    pty.type(' ');
    await pty.waitFor('A: Open questions');
    pty.type('4');
    await pty.waitFor('Letter: answer · Space: show answer');
    pty.type(wrong.toLowerCase());
    await pty.waitFor(`Wrong: you chose ${wrong}) Explain the program rules.`);
    await pty.waitFor('Being heard comes first.');
    await pty.waitFor('Space or Enter: 1 Again');
    pty.type('\r');
    // Rated Again, the card comes back at once (learn-ahead) as the only one left.
    await pty.waitFor(/Space or Enter: 1 Again[\s\S]*Q: A person says every service let them down/);
    pty.type('q');
    expect(await pty.exited).toBe(0);
    expect(reviews(env).map((e) => [e.card, e.rating])).toEqual([
      ['study-sample/relationship-first', 3],
      ['study-sample/oars', 4],
      ['study-sample/first-step', 1],
    ]);
  });

  it('says on screen what suspend did, under the next card, and u undoes it', async () => {
    const env = setup();
    const pty = runInPty([process.execPath, BIN, 'study', '--deck', 'study-sample'], env);
    await pty.waitFor('Q: What comes first in peer support?');
    pty.type('s');
    // Wrapped to the terminal's 80 columns.
    await pty.waitFor(/Q: What does OARS stand for\?[\s\S]*Suspended study-sample\/relationship-first until crss unsuspend\s+study-sample\/relationship-first; u undoes it\./);
    pty.type('u');
    await pty.waitFor(/u undoes it\.[\s\S]*Q: What comes first in peer support\?/);
    pty.type('q');
    expect(await pty.exited).toBe(0);
    expect(reviews(env).map((e) => e.type)).toEqual(['suspend', 'unsuspend']);
  });

  it('e opens $VISUAL at the card\'s line, reloads the deck when the editor exits, and shows the edited card', async () => {
    const env = setup();
    delete env.NO_COLOR; // with cursor control, so the screen is handed over and redrawn
    const decks = join(tempDir('crss-edit-'), 'decks');
    mkdirSync(decks);
    const deckFile = join(decks, 'study.yaml');
    copyFileSync(join(DECKS, 'study.yaml'), deckFile);
    const argsFile = join(decks, '..', 'editor-args');
    const editor = join(decks, '..', 'editor.sh');
    writeFileSync(editor, `#!/bin/sh\nprintf '%s\\n' "$@" > '${argsFile}'\nsed -i 's/What comes first in peer support?/What comes first, always, in peer support?/' "$2"\n`);
    chmodSync(editor, 0o755);
    env.CRSS_DECKS = decks;
    env.VISUAL = editor;
    env.EDITOR = '/bin/false'; // $VISUAL wins
    const pty = runInPty([process.execPath, BIN, 'study', '--deck', 'study-sample'], env);
    await pty.waitFor('What comes first in peer support?');
    pty.type('e');
    await pty.waitFor('What comes first, always, in peer support?');
    await pty.waitFor(/Reloaded from .*study\.yaml:6\./);
    expect(readFileSync(argsFile, 'utf8')).toBe(`+6\n${deckFile}\n`);
    pty.type(' ');
    await pty.waitFor('The relationship.');
    pty.type('3');
    await pty.waitFor('What does OARS stand for?');
    pty.type('q');
    expect(await pty.exited).toBe(0);
    expect(reviews(env).map((e) => [e.card, e.rating])).toEqual([['study-sample/relationship-first', 3]]);
  });

  it('e with an edit that breaks the deck: says so, keeps the card as it was, and the session goes on', async () => {
    const env = setup();
    const decks = join(tempDir('crss-edit-'), 'decks');
    mkdirSync(decks);
    copyFileSync(join(DECKS, 'study.yaml'), join(decks, 'study.yaml'));
    const editor = join(decks, '..', 'editor.sh');
    writeFileSync(editor, `#!/bin/sh\nprintf 'deck: [unclosed\\n' > "$2"\n`);
    chmodSync(editor, 0o755);
    env.CRSS_DECKS = decks;
    env.EDITOR = editor;
    const pty = runInPty([process.execPath, BIN, 'study', '--deck', 'study-sample'], env);
    await pty.waitFor('Q: What comes first in peer support?');
    pty.type('e');
    const said = await pty.waitFor(/it stays as it\s+was\s+for\s+this\s+session\./);
    expect(said.replace(/\s+/g, ' ')).toMatch(/study-sample\/relationship-first is no longer in \S*study\.yaml \(or the deck has errors: crss validate\); it stays as it was for this session\./);
    pty.type(' ');
    await pty.waitFor('A: The relationship.');
    pty.type('3');
    await pty.waitFor('Q: What does OARS stand for?');
    pty.type('q');
    expect(await pty.exited).toBe(0);
    expect(reviews(env).map((e) => [e.card, e.rating])).toEqual([['study-sample/relationship-first', 3]]);
  });

  it('e without an editor says where the card is', async () => {
    const env = setup();
    const pty = runInPty([process.execPath, BIN, 'study', '--deck', 'study-sample'], env);
    await pty.waitFor('Q: What comes first in peer support?');
    pty.type('e');
    await pty.waitFor('Edit: tests/fixtures/valid/study.yaml:6');
    pty.type('q');
    expect(await pty.exited).toBe(0);
  });

  it('Ctrl-C exits 130 without a stack trace and keeps what was rated', async () => {
    const env = setup();
    const pty = runInPty([process.execPath, BIN, 'study', '--deck', 'study-sample'], env);
    await pty.waitFor('Q: What comes first in peer support?');
    pty.type(' ');
    await pty.waitFor('A: The relationship.');
    pty.type('2');
    await pty.waitFor('Q: What does OARS stand for?');
    pty.type('\u0003');
    expect(await pty.exited).toBe(130);
    expect(pty.output()).not.toMatch(/Error|at .*\.js:\d+/);
    expect(reviews(env).map((e) => [e.type, e.rating])).toEqual([['review', 2]]);
  });
});
