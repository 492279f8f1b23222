/**
 * Study and quiz screens in a real terminal emulator (tmux, 80x24): text wraps at word boundaries to
 * the width, the screen is redrawn when the window is resized, and Ctrl-Z then `fg` suspends and
 * redraws.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, isolatedEnv, middayZone, ROOT, tempDir } from '../helpers/run-crss.js';
import { startTmux, type TmuxSession } from '../helpers/tmux.js';

const QUESTION =
  'A person you support tells you they returned to use over the long weekend, and says they expect you to be disappointed in them and to end your work together. What is the most fitting first response?';
const ANSWER = 'Thank them for telling you, say that you are still here, and ask how they are doing right now.';

function longTextDeck(): string {
  const dir = tempDir('crss-long-');
  mkdirSync(join(dir, 'decks'));
  writeFileSync(
    join(dir, 'decks', 'long.yaml'),
    [
      'deck: long-text',
      'title: Long text',
      'domain: mentoring',
      'topics: [wrapping]',
      'cards:',
      '  - id: long-question',
      `    question: ${QUESTION}`,
      `    answer: ${ANSWER}`,
      '    distractors:',
      '      - Remind them of the goals they set in their recovery plan and of what they agreed to do.',
      '      - Tell them that one weekend does not really count and that they should not worry about it.',
      '      - Suggest that they go back to a more intensive level of treatment before you meet again.',
      '    explanation: Meeting a return to use with warmth keeps the relationship, which is what lets the person talk about what happened.',
      '    source: https://example.org/long',
    ].join('\n') + '\n',
  );
  return join(dir, 'decks');
}

function env() {
  const e = isolatedEnv({ CRSS_DECKS: longTextDeck(), CRSS_DEVICE: 'tmux-device', TZ: middayZone(), });
  delete e.NO_COLOR; // cursor control on: the screen is redrawn in place
  e.CRSS_DATA_DIR = join(e.HOME!, 'crss-data');
  return e;
}

const words = (text: string) => text.split(/\s+/).filter(Boolean).join(' ');

/** The screen holds `text` broken only between words, and no row is wider than `width`. */
function expectWrapped(rows: string[], text: string, width: number) {
  expect(rows.filter((r) => r.length > width)).toEqual([]);
  expect(words(rows.join(' '))).toContain(words(text));
}

/** Asks the shell for the exit status of the last command (a list after the command would not run after fg). */
function exitStatus(tmux: TmuxSession) {
  tmux.type('echo "exit $?"');
  tmux.press('Enter');
}

/** The screen once crss has redrawn it after fg: the row is there and the shell's "Stopped" is gone. */
function redrawnAfterFg(row: string): RegExp {
  return new RegExp(`^(?![\\s\\S]*Stopped)(?:[\\s\\S]*\\n)?${row.replace(/[.?]/g, '\\$&')}\\n`);
}

let session: TmuxSession | undefined;
afterEach(() => {
  session?.close();
  session = undefined;
});

describe('screens in a terminal of 80x24', () => {
  it('study wraps at word boundaries, redraws on resize, and comes back after Ctrl-Z and fg', async () => {
    session = startTmux(env(), 80, 24);
    session.type(`cd ${ROOT} && ${process.execPath} ${BIN} study --deck long-text`);
    session.press('Enter');
    expectWrapped(await session.waitForScreen('most fitting first response?'), QUESTION, 79);

    session.resize(50, 24);
    const narrow = await session.waitForScreen(/^Q: A person you support tells you they returned$/m);
    expectWrapped(narrow, QUESTION, 49);
    expect(narrow.some((r) => /^ {5}\S/.test(r))).toBe(true); // an option's second row, under its text

    session.press('C-z');
    await session.waitForScreen(/Stopped/);
    session.type('fg');
    session.press('Enter');
    const back = await session.waitForScreen(redrawnAfterFg('Q: A person you support tells you they returned'));
    expectWrapped(back, QUESTION, 49);

    session.type(' ');
    expectWrapped(await session.waitForScreen('still here'), ANSWER, 49);
    session.type('q');
    await session.waitForScreen(/Seed: 3|Session over/);
    exitStatus(session);
    await session.waitForScreen(/^exit 0$/m);
  });

  it('a quiz wraps at word boundaries and redraws on resize', async () => {
    session = startTmux(env(), 80, 24);
    session.type(`cd ${ROOT} && ${process.execPath} ${BIN} quiz --deck long-text --count 1 --seed 3`);
    session.press('Enter');
    expectWrapped(await session.waitForScreen('most fitting first response?'), QUESTION, 79);
    session.resize(44, 24);
    expectWrapped(await session.waitForScreen(/^Q: A person you support tells you they$/m), QUESTION, 43);
    session.press('C-z');
    await session.waitForScreen(/Stopped/);
    session.type('fg');
    session.press('Enter');
    expectWrapped(await session.waitForScreen(redrawnAfterFg('Q: A person you support tells you they')), QUESTION, 43);
    session.type('q');
    await session.waitForScreen(/Seed: 3|Session over/);
    exitStatus(session);
    await session.waitForScreen(/^exit 0$/m);
  });

  it('an exam wraps at word boundaries and redraws on resize, countdown included', async () => {
    session = startTmux(env(), 80, 24);
    session.type(`cd ${ROOT} && ${process.execPath} ${BIN} quiz --exam --deck long-text --count 1 --seed 3`);
    session.press('Enter');
    await session.waitForScreen(/Enter/);
    session.press('Enter');
    expectWrapped(await session.waitForScreen('most fitting first response?'), QUESTION, 79);
    session.resize(44, 30); // tall enough for the whole question at this width, countdown included
    const narrow = await session.waitForScreen(/^Q: A person you support tells you they$/m);
    expectWrapped(narrow, QUESTION, 43);
    expect(narrow.join('\n')).toMatch(/^Time left \d+:\d{2}/m);
    session.type('s');
    await session.waitForScreen('y/n');
    session.type('y');
    await session.waitForScreen(/Seed: 3/);
    exitStatus(session);
    await session.waitForScreen(/^exit 0$/m);
  });
});
