/**
 * Terminal manners through the real binary in a pseudo-terminal (80x24): no colour and no cursor
 * control when asked for none; SIGTERM, SIGHUP and Ctrl-C give the terminal back, print the summary
 * and exit 143, 129 and 130; Ctrl-D quits like q.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, isolatedEnv, middayZone } from '../helpers/run-crss.js';
import { runInPty } from '../helpers/pty.js';

const DECKS = join(import.meta.dirname, '../fixtures/valid');
const QUIZ_DECKS = join(import.meta.dirname, '../fixtures/quiz');
const HIDE_CURSOR = '\u001b[?25l';
const SHOW_CURSOR = '\u001b[?25h';

function setup(extra: Record<string, string> = {}, decks = DECKS) {
  const env = isolatedEnv({ CRSS_DECKS: decks, CRSS_DEVICE: 'pty-device', TZ: middayZone() });
  delete env.NO_COLOR; // a terminal with colour and cursor control, unless a test asks otherwise
  Object.assign(env, extra);
  env.CRSS_DATA_DIR = join(env.HOME!, 'crss-data');
  return env;
}

/** Terminal output without its colour and cursor sequences. */
const text = (out: string) => out.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** crss in a shell that then reports its exit status and the terminal's modes (what crss left behind). */
function studyThenStty(env: Record<string, string>) {
  const command = [process.execPath, BIN, 'study', '--deck', 'study-sample'].map(quote).join(' ');
  return runInPty([], env, { shell: `${command}; echo "exit $?"; stty -a` });
}

async function rateFirstCard(pty: ReturnType<typeof runInPty>) {
  // Q: and A: may be in bold: wait for the text after them.
  await pty.waitFor('What comes first in peer support?');
  pty.type(' ');
  await pty.waitFor('The relationship.');
  pty.type('3');
  await pty.waitFor('What does OARS stand for?');
}

describe('signals and control keys in a terminal', () => {
  it.each([
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)('%s gives the terminal back (cursor, cooked mode), prints the summary and exits %i', async (signal, code) => {
    const pty = studyThenStty(setup());
    await rateFirstCard(pty);
    expect(pty.output()).toContain(HIDE_CURSOR);
    pty.kill(signal);
    await pty.exited;
    const out = pty.output();
    expect(out).toContain(`exit ${code}`);
    const afterSession = out.slice(out.lastIndexOf('What does OARS stand for?'));
    expect(afterSession).toContain(SHOW_CURSOR);
    expect(text(afterSession)).toMatch(/Session over\.\s+Cards reviewed: 1 \(0% Again\)/);
    const modes = out.slice(out.lastIndexOf(`exit ${code}`));
    expect(modes).toMatch(/(^|\s)icanon(\s|$)/m);
    expect(modes).toMatch(/(^|\s)echo(\s|$)/m);
    expect(out).not.toMatch(/Error|at .*\.js:\d+/);
  });

  it('Ctrl-C prints the summary, then exits 130, with the terminal given back', async () => {
    const pty = studyThenStty(setup());
    await rateFirstCard(pty);
    pty.type('\u0003');
    await pty.exited;
    const out = pty.output();
    expect(out).toContain('exit 130');
    const afterSession = out.slice(out.lastIndexOf('What does OARS'));
    expect(afterSession).toContain(SHOW_CURSOR);
    expect(text(afterSession)).toMatch(/Session over\.\s+Cards reviewed: 1/);
    expect(out.slice(out.lastIndexOf('exit 130'))).toMatch(/(^|\s)icanon(\s|$)/m);
  });

  it('Ctrl-D quits like q: the summary and exit 0', async () => {
    const pty = runInPty([process.execPath, BIN, 'study', '--deck', 'study-sample'], setup());
    await rateFirstCard(pty);
    pty.type('\u0004');
    expect(await pty.exited).toBe(0);
    expect(text(pty.output())).toMatch(/Session over\.\s+Cards reviewed: 1/);
    expect(pty.output()).not.toContain('Unknown input');
  });

  it('a quiz stopped by Ctrl-C prints its summary, then exits 130', async () => {
    const pty = runInPty([process.execPath, BIN, 'quiz', '--deck', 'quiz-sample', '--count', '3', '--seed', '4'], setup({}, QUIZ_DECKS));
    const first = await pty.waitFor(/\[1\/3\][\s\S]*D\) /);
    const right = /([A-D])\) Right \d/.exec(first.slice(first.lastIndexOf('[1/3]')))![1]!;
    pty.type(right.toLowerCase());
    await pty.waitFor('Press any key for the next question');
    pty.type(' ');
    await pty.waitFor(/\[2\/3\]/);
    pty.type('\u0003');
    expect(await pty.exited).toBe(130);
    expect(pty.output()).toContain('Score: 1/1 (100%)');
  });
});

describe('no colour and no cursor control when asked for none', () => {
  it.each([
    ['NO_COLOR=1', { NO_COLOR: '1' }, []],
    ['FORCE_COLOR=0', { FORCE_COLOR: '0' }, []],
    ['TERM=dumb', { TERM: 'dumb' }, []],
    ['--no-color', {}, ['--no-color']],
  ] as const)('%s: study in a terminal writes no escape sequence at all, and still works by single keys', async (_name, extra, flags) => {
    const pty = runInPty([process.execPath, BIN, 'study', '--deck', 'study-sample', ...flags], setup(extra));
    await rateFirstCard(pty);
    pty.type('q');
    expect(await pty.exited).toBe(0);
    expect(pty.output()).toMatch(/Session over\.\s+Cards reviewed: 1/);
    expect(pty.output()).not.toContain('\u001b');
  });

  it('TERM=dumb: a quiz writes no escape sequence either', async () => {
    const pty = runInPty([process.execPath, BIN, 'quiz', '--deck', 'quiz-sample', '--count', '1', '--seed', '4'], setup({ TERM: 'dumb' }, QUIZ_DECKS));
    await pty.waitFor(/\[1\/1\][\s\S]*D\) /);
    pty.type('a');
    await pty.waitFor('Score:');
    expect(await pty.exited).toBe(0);
    expect(pty.output()).not.toContain('\u001b');
  });
});
