/** The V8 code cache that bin/crss.js keeps must never break a run: stale or damaged caches are ignored. */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isolatedEnv, ROOT, runCrss } from '../helpers/run-crss.js';

function cacheFile(env: Record<string, string>): string {
  const dir = join(env.XDG_CACHE_HOME!, 'crss');
  return join(dir, readdirSync(dir).find((f) => f.startsWith('code-'))!);
}

describe('the bundle', () => {
  it('is ASCII, which bin/crss.js relies on when it reads it as latin1', () => {
    const bytes = readFileSync(join(ROOT, 'dist/crss.cjs'));
    expect(bytes.findIndex((b) => b > 0x7f)).toBe(-1);
    expect(bytes.toString('latin1')).toMatch(/^\(function \(exports, require, module, __filename, __dirname\) \{/);
  });
});

describe('code cache', () => {
  it('is kept per command, for every command the program has', async () => {
    const { buildProgram } = await import('../../src/cli.js');
    const program = buildProgram('0.0.0', () => ({}) as never, () => {});
    const binText = readFileSync(join(ROOT, 'bin/crss.js'), 'utf8');
    const listed = JSON.parse(/const COMMANDS = (\[[^\]]*\]);/.exec(binText)![1]!.replace(/'/g, '"')) as string[];
    expect([...listed].sort()).toEqual(program.commands.map((c) => c.name()).sort());
    const parsing = JSON.parse(/const PARSING_COMMANDS = (\[[^\]]*\]);/.exec(binText)![1]!.replace(/'/g, '"')) as string[];
    expect(parsing.every((name) => listed.includes(name))).toBe(true);

    const env = isolatedEnv();
    expect(runCrss(['topics', '--json'], { env }).status).toBe(0); // parses the decks: writes no code cache
    expect(runCrss(['topics', '--json'], { env }).status).toBe(0);
    expect(runCrss(['decks', '--json'], { env }).status).toBe(0);
    expect(runCrss(['--help'], { env }).status).toBe(0);
    const names = readdirSync(join(env.XDG_CACHE_HOME!, 'crss')).filter((f) => f.startsWith('code-')).sort();
    expect(names.map((n) => n.replace(/^code-v[\d.]+-\w+-/, ''))).toEqual(['decks.bin', 'other.bin', 'topics.bin']);
  });

  it('is written by the first three runs that read decks from the parse cache, each adding what it compiled, and names the exact bundle', () => {
    const env = isolatedEnv();
    const header = () => readFileSync(cacheFile(env)).toString('latin1').split('\n')[0]!;
    const codeCaches = () => readdirSync(join(env.XDG_CACHE_HOME!, 'crss')).filter((f) => f.startsWith('code-'));
    // The first run parses the decks: the parser's code would only weigh on every later run's start.
    expect(runCrss(['topics', '--json'], { env }).status).toBe(0);
    expect(codeCaches()).toEqual([]);
    expect(runCrss(['topics', '--json'], { env }).status).toBe(0);
    expect(header()).toMatch(/^crss \d+\.\d+\.\d+ \d+ [\d.]+ \d+ 1$/);
    expect(runCrss(['topics'], { env }).status).toBe(0);
    expect(header()).toMatch(/ 2$/);
    expect(runCrss(['topics', '--json'], { env }).status).toBe(0);
    expect(header()).toMatch(/ 3$/);
    const third = readFileSync(cacheFile(env));
    expect(runCrss(['topics', '--json'], { env }).status).toBe(0);
    expect(readFileSync(cacheFile(env)).equals(third)).toBe(true); // left alone from then on
  });

  it('is written by validate, whose every run parses', () => {
    const env = isolatedEnv();
    expect(runCrss(['validate'], { env }).status).toBe(0);
    expect(readdirSync(join(env.XDG_CACHE_HOME!, 'crss'))).toEqual([expect.stringMatching(/^code-.*-validate\.bin$/)]);
  });

  it('ignores a cache made for another bundle, and a damaged one', () => {
    const env = isolatedEnv();
    runCrss(['topics', '--json'], { env });
    runCrss(['topics', '--json'], { env });
    const file = cacheFile(env);
    const good = readFileSync(file);
    const nl = good.indexOf(10);
    // Same length of data, but from "another build": the loader must not hand it to V8.
    writeFileSync(file, Buffer.concat([Buffer.from('crss 0.0.0 1 1 1\n'), good.subarray(nl + 1)]));
    const other = runCrss(['topics', '--json'], { env });
    expect(other.status).toBe(0);
    expect(JSON.parse(other.stdout).length).toBeGreaterThan(5);
    // It was not taken for this bundle's cache: the run replaced it with a cache of its own.
    expect(readFileSync(file).subarray(0, nl + 1)).toEqual(good.subarray(0, nl + 1));
    // The right header over garbage: V8 rejects the data and the run compiles afresh.
    writeFileSync(file, Buffer.concat([good.subarray(0, nl + 1), Buffer.alloc(good.length - nl - 1, 7)]));
    const damaged = runCrss(['topics', '--json'], { env });
    expect(damaged.status).toBe(0);
    expect(damaged.stderr).toBe('');
    expect(readFileSync(file).subarray(nl + 1).every((b) => b === 7)).toBe(false);
  });
});
