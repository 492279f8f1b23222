/**
 * Config values are checked when set and when read (issue 11, item 9): a bad value, from crss or a
 * hand edit, is one line naming the file and the key, exit 1, never a stack trace or a silent default.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isolatedEnv, runCrss } from '../helpers/run-crss.js';

function withConfig(config: Record<string, unknown>) {
  const env = isolatedEnv({ CRSS_DECKS: join(import.meta.dirname, '../fixtures/valid') });
  env.CRSS_DATA_DIR = join(env.HOME!, 'data');
  mkdirSync(env.CRSS_DATA_DIR);
  writeFileSync(join(env.CRSS_DATA_DIR, 'config.json'), JSON.stringify({ schema: 1, ...config }));
  return { env, path: join(env.CRSS_DATA_DIR, 'config.json') };
}

const WEIGHTS = 'must be a list of 17, 19 or 21 finite numbers';

describe('config values when read', () => {
  it.each([
    [[0.4, 1.2, 3.1, 15.6, 7.2], 'it has 5'],
    [Array.from({ length: 21 }, () => 1e400), 'not all of them are finite numbers'], // Infinity, which JSON.stringify writes as null
    [Array.from({ length: 21 }, (_, i) => (i === 3 ? 'x' : 1)), 'not all of them are finite numbers'],
    ['0.4 1.2', 'it is not a list'],
  ])('fsrs-weights %j: one line naming the key, for every command that schedules', (weights, problem) => {
    const { env, path } = withConfig({ 'fsrs-weights': weights });
    const line = `crss: ${path}: "fsrs-weights" ${WEIGHTS} (${problem}); remove the key to use the default parameters, or run crss optimize\n`;
    for (const args of [['stats'], ['study', '--plain'], ['quiz', '--plain', '--count', '1'], ['config', 'get']]) {
      const r = runCrss(args, { env, input: 'q\n' });
      expect(r.stderr, args.join(' ')).toBe(line);
      expect(r.status, args.join(' ')).toBe(1);
    }
  });

  it('a hand-edited setting out of range names the key and how to set it again', () => {
    const { env, path } = withConfig({ retention: 5 });
    const r = runCrss(['stats'], { env });
    expect(r.stderr).toBe(`crss: ${path}: retention must be a number from 0.7 to 0.97 (e.g. 0.9), not '5'; set it again (crss config set retention VALUE)\n`);
    expect(r.status).toBe(1);
    expect(runCrss(['config', 'set', 'retention', '0.85'], { env }).status).toBe(0);
    expect(runCrss(['config', 'get', 'retention'], { env }).stdout).toBe('0.85\n');
  });

  it('21 finite weights are used', () => {
    const { env } = withConfig({ 'fsrs-weights': Array.from({ length: 21 }, (_, i) => [0.2, 1.2, 3.2, 15.7, 7.1, 0.6, 1.9, 0.01, 1.3, 0.1, 1.0, 1.9, 0.1, 0.3, 2.3, 0.2, 3.0, 0.5, 0.7, 0.1, 0.15][i]) });
    expect(runCrss(['stats'], { env }).status).toBe(0);
  });
});

describe('config values when set', () => {
  it('a bad value is refused by name and nothing is written', () => {
    const { env } = withConfig({});
    const r = runCrss(['config', 'set', 'max-interval', '0'], { env });
    expect(r.stderr).toBe("crss: max-interval must be a whole number from 1 to 36500, not '0'\n");
    expect(r.status).toBe(2);
  });
});
