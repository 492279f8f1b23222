/** One tutor-mode quiz driven through a real pseudo-terminal. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, isolatedEnv, middayZone } from '../helpers/run-crss.js';
import { runInPty } from '../helpers/pty.js';

describe('crss quiz in a terminal', () => {
  it('answers with single keys, shows feedback at once, and ends with the score', async () => {
    const env = isolatedEnv({ CRSS_DECKS: join(import.meta.dirname, '../fixtures/quiz'), CRSS_DEVICE: 'pty-quiz', TZ: middayZone() });
    env.CRSS_DATA_DIR = join(env.HOME!, 'crss-data');
    const pty = runInPty([process.execPath, BIN, 'quiz', '--deck', 'quiz-sample', '--count', '2', '--seed', '4'], env);
    const first = await pty.waitFor(/\[1\/2\][\s\S]*D\) /);
    const right = /([A-D])\) Right \d/.exec(first.slice(first.lastIndexOf('[1/2]')))![1]!;
    pty.type(right.toLowerCase());
    await pty.waitFor('Correct.');
    await pty.waitFor('Press any key for the next question');
    pty.type(' ');
    const second = await pty.waitFor(/\[2\/2\][\s\S]*D\) /);
    const wrong = /([A-D])\) Wrong \d/.exec(second.slice(second.lastIndexOf('[2/2]')))![1]!;
    pty.type(wrong);
    await pty.waitFor(/Wrong\. The answer is [A-D]\) Right \d/);
    await pty.waitFor('Score: 1/2 (50%)');
    expect(await pty.exited).toBe(0);
  });
});
