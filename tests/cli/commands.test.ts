/** Listing, settings, help and output conventions, through the real binary. */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, isolatedEnv, runCrss, tempDir } from '../helpers/run-crss.js';

const DECKS = join(import.meta.dirname, '../fixtures/valid');
const env = () => {
  const e = isolatedEnv({ CRSS_DECKS: DECKS });
  e.CRSS_DATA_DIR = join(e.HOME!, 'data-dir');
  return e;
};

describe('crss decks and topics', () => {
  it('--json lists decks as one array on stdout', () => {
    const r = runCrss(['decks', '--json'], { env: env() });
    expect(r.status).toBe(0);
    const decks = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(decks.find((d) => d.deck === 'sample')).toEqual({
      deck: 'sample',
      title: 'Sample deck',
      file: join(DECKS, 'two-kinds.yaml'),
      flashcards: 1,
      questions: 1,
      topics: ['relationships', 'scenario', 'trust'],
      domains: ['advocacy', 'mentoring'],
    });
  });

  it('lists topics with their numbers of flashcards and questions', () => {
    type Row = { topic: string; flashcards: number; questions: number };
    const trust = (e: Record<string, string>) => (JSON.parse(runCrss(['topics', '--json'], { env: e }).stdout) as Row[]).find((t) => t.topic === 'trust') ?? { topic: 'trust', flashcards: 0, questions: 0 };
    // The fixtures add 2 flashcards and 2 questions on trust to whatever the bundled decks have.
    const bundled = trust(isolatedEnv());
    expect(trust(env())).toEqual({ topic: 'trust', flashcards: bundled.flashcards + 2, questions: bundled.questions + 2 });
    const text = runCrss(['topics'], { env: env() }).stdout;
    expect(text.split('\n')[0]).toMatch(/^TOPIC +FLASHCARDS {2}QUESTIONS$/);
    expect(text).toMatch(new RegExp(`^trust +${bundled.flashcards + 2} +${bundled.questions + 2}$`, 'm'));
  });

  it('takes extra deck folders from --decks and CRSS_DECKS, and names both files of a duplicate deck id', () => {
    const noExtra = isolatedEnv();
    const withFlag = JSON.parse(runCrss(['decks', '--json', '--decks', DECKS], { env: noExtra }).stdout) as { deck: string }[];
    expect(withFlag.some((d) => d.deck === 'study-sample')).toBe(true);
    const dup = runCrss(['decks', '--decks', join(import.meta.dirname, '../fixtures/duplicate-deck')], { env: env() });
    expect(dup.stderr).toContain("deck id 'sample' is also used by");
  });
});

describe('crss config', () => {
  it('sets and gets settings, and rejects bad values with exit 2', () => {
    // A fixed clock: the exam date below must stay in the future whenever the test runs.
    const e = { ...env(), CRSS_NOW: '2026-12-01T12:00:00.000Z' };
    expect(runCrss(['config', 'set', 'retention', '0.85'], { env: e })).toMatchObject({ status: 0, stdout: 'retention = 0.85\n' });
    expect(runCrss(['config', 'get', 'retention'], { env: e }).stdout).toBe('0.85\n');
    expect(runCrss(['config', 'set', 'retention', '0.99'], { env: e })).toMatchObject({ status: 2, stderr: "crss: retention must be a number from 0.7 to 0.97 (e.g. 0.9), not '0.99'\n" });
    expect(runCrss(['config', 'set', 'retention', 'high'], { env: e }).status).toBe(2);
    expect(runCrss(['config', 'set', 'exam-date', '2027-02-30'], { env: e })).toMatchObject({ status: 2, stderr: "crss: exam-date must be a date as YYYY-MM-DD (or 'none'), not '2027-02-30'\n" });
    expect(runCrss(['config', 'set', 'new-per-day', '-3'], { env: e }).status).toBe(2);
    expect(runCrss(['config', 'set', 'retentoin', '0.9'], { env: e })).toMatchObject({ status: 2, stderr: "crss: unknown setting 'retentoin' (did you mean 'retention'?)\n" });
    runCrss(['config', 'set', 'exam-date', '2027-01-15'], { env: e });
    expect(JSON.parse(runCrss(['config', 'get', '--json'], { env: e }).stdout)).toEqual({ retention: 0.85, 'new-per-day': 20, 'reviews-per-day': 200, 'max-interval': 365, 'exam-date': '2027-01-15', decks: null });
    expect(runCrss(['config', 'get'], { env: e }).stdout).toBe('retention = 0.85\nnew-per-day = 20 (default)\nreviews-per-day = 200 (default)\nmax-interval = 365 (default)\nexam-date = 2027-01-15\ndecks = none (default)\n');
  });

  it('keeps data in $XDG_DATA_HOME/crss by default and --data-dir or CRSS_DATA_DIR when given', () => {
    const e = isolatedEnv({ CRSS_DECKS: DECKS });
    runCrss(['config', 'set', 'new-per-day', '5'], { env: e });
    expect(runCrss(['config', 'get', 'new-per-day'], { env: { ...e, CRSS_DATA_DIR: join(e.XDG_DATA_HOME!, 'crss') } }).stdout).toBe('5\n');
    expect(runCrss(['config', 'get', 'new-per-day', '--data-dir', join(e.HOME!, 'elsewhere')], { env: e }).stdout).toBe('20\n');
  });
});

describe('conventions', () => {
  it('every command has --help and exits 0', () => {
    for (const cmd of ['validate', 'decks', 'topics', 'study', 'quiz', 'stats', 'config', 'export', 'import', 'optimize', 'backup', 'prune', 'unsuspend']) {
      const r = runCrss([cmd, '--help']);
      expect(r.status, cmd).toBe(0);
      expect(r.stdout, cmd).toMatch(new RegExp(`^Usage: crss ${cmd}`));
    }
    expect(runCrss(['--help']).stdout).toContain('Exit codes: 0 success, 1 problems found or operation failed, 2 usage error,');
  });

  it('--version prints the package version', () => {
    expect(runCrss(['--version']).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it('on a Node.js older than 20.16 says so in one line and exits 1', () => {
    // Node 20.15 as crss sees it: no process.getBuiltinModule.
    const older = join(tempDir(), 'node-20.15.cjs');
    writeFileSync(older, "delete process.getBuiltinModule; Object.defineProperty(process.versions, 'node', { value: '20.15.0' });\n");
    const r = spawnSync(process.execPath, ['-r', older, BIN, 'study', '--plain'], { env: env(), input: '', encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('crss: needs Node.js 20.16 or newer; this is Node.js 20.15.0\n');
    expect(r.stdout).toBe('');
  });

  it('colour follows FORCE_COLOR, and NO_COLOR and --no-color turn it off', () => {
    const base = env();
    delete base.NO_COLOR;
    const forced = runCrss(['topics'], { env: { ...base, FORCE_COLOR: '1' } });
    expect(forced.stdout).toContain('\u001b[1m');
    expect(runCrss(['topics'], { env: { ...base, FORCE_COLOR: '1', NO_COLOR: '1' } }).stdout).not.toContain('\u001b[');
    expect(runCrss(['topics', '--no-color'], { env: { ...base, FORCE_COLOR: '1' } }).stdout).not.toContain('\u001b[');
  });
});
