/** One tutor-mode quiz driven through a real pseudo-terminal. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
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

  it('holds a warning from loading the history at the first answer until the terminal is given back', async () => {
    const env = isolatedEnv({ CRSS_DECKS: join(import.meta.dirname, '../fixtures/quiz'), CRSS_DEVICE: 'pty-quiz', TZ: middayZone() });
    env.CRSS_DATA_DIR = join(env.HOME!, 'crss-data');
    // Another machine's log with a damaged line (not its last, which would be a torn write): read, and
    // warned about, only when the history loads.
    const line = (e: object) => `{"crc":"${crc32(JSON.stringify(e)).toString(16).padStart(8, '0')}","e":${JSON.stringify(e)}}\n`;
    const answer = { type: 'quiz', id: 'other-s-1', time: '2026-01-01T00:00:00.000Z', session: 's', card: 'quiz-sample/q1', chosen: null, correct: false, durationMs: 1, quizMode: 'tutor' };
    mkdirSync(join(env.CRSS_DATA_DIR, 'logs'), { recursive: true });
    const peer = join(env.CRSS_DATA_DIR, 'logs/other.jsonl');
    writeFileSync(peer, `${line({ type: 'header', schema: 1, device: 'other' })}{"crc":"00000000","e":{"type":"review"}}\n${line(answer)}`);
    const pty = runInPty([process.execPath, BIN, 'quiz', '--deck', 'quiz-sample', '--count', '1', '--seed', '4'], env);
    const first = await pty.waitFor(/\[1\/1\][\s\S]*D\) /);
    const right = /([A-D])\) Right \d/.exec(first.slice(first.lastIndexOf('[1/1]')))![1]!;
    pty.type(right);
    await pty.waitFor('Score: 1/1 (100%)');
    expect(await pty.exited).toBe(0);
    const out = pty.output();
    const warning = `crss: ${peer}: skipped 1 damaged line (line 2)`;
    expect(out.indexOf(warning)).toBeGreaterThan(out.lastIndexOf('Correct.'));
    expect(out.indexOf(warning)).toBeLessThan(out.indexOf('Score: 1/1'));
  });
});
