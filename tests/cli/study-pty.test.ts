/** `crss study` in a real pseudo-terminal: single keys, undo, quit and Ctrl-C. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, isolatedEnv, middayZone } from '../helpers/run-crss.js';
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
