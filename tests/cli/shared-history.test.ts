/**
 * What real shared data folders meet, through the real binary: the same events read twice, sync tools'
 * conflict copies, machines whose clocks disagree. Two machines are two processes with their own state
 * folders (so their own device ids) over one data folder.
 */
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isolatedEnv, middayZone, runCrss, tempDir } from '../helpers/run-crss.js';

/** A deck of `count` cards, in a folder of its own. */
function deckDir(count: number): string {
  const dir = tempDir('crss-decks-');
  const cards = Array.from({ length: count }, (_, i) => `  - id: c${i}\n    front: Front ${i}\n    back: Back ${i}\n`).join('');
  writeFileSync(join(dir, 'many.yaml'), `deck: many\ntitle: Many\ncards:\n${cards}`);
  return dir;
}

/** One machine: its own home (state folder, device id), the shared data folder. */
function machine(device: string, dataDir: string, decks: string, extra: Record<string, string> = {}): Record<string, string> {
  return { ...isolatedEnv({ CRSS_DECKS: decks, CRSS_DEVICE: device, TZ: middayZone(), ...extra }), CRSS_DATA_DIR: dataDir };
}

const SKEWED_CLOCK = join(import.meta.dirname, '../helpers/skewed-clock.cjs');

/** A machine whose clock runs `skewMs` ahead of the real one (behind when negative); its device id is its own. */
function skewedMachine(dataDir: string, decks: string, skewMs: number): Record<string, string> {
  const env = { ...isolatedEnv({ CRSS_DECKS: decks, TZ: middayZone() }), CRSS_DATA_DIR: dataDir };
  return skewMs === 0 ? env : { ...env, NODE_OPTIONS: `--require ${SKEWED_CLOCK}`, CRSS_TEST_CLOCK_SKEW_MS: String(skewMs) };
}

function study(env: Record<string, string>, input: string) {
  const r = runCrss(['study', '--plain', '--deck', 'many', '--new', '1000'], { env, input });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

/** Rates `count` new cards Easy (each is then due in days, so none comes back in the session). */
function rateEasy(env: Record<string, string>, count: number) {
  const r = runCrss(['study', '--plain', '--deck', 'many', '--new', '1000'], { env, input: '4\n'.repeat(count) });
  expect(r.status, r.stderr).toBe(0);
  return r;
}

function stats(env: Record<string, string>) {
  const r = runCrss(['stats', '--json'], { env });
  expect(r.status, r.stderr).toBe(0);
  return { ...JSON.parse(r.stdout), stderr: r.stderr };
}

describe('events count once', () => {
  it('stats counts 123 reviews for 123, with the same log copied under another name and a line doubled', () => {
    const data = join(tempDir(), 'data');
    const env = machine('laptop', data, deckDir(130));
    rateEasy(env, 123);
    const log = join(data, 'logs/laptop.jsonl');
    copyFileSync(log, join(data, 'logs/laptop-old.jsonl'));
    const lines = readFileSync(log, 'utf8').split('\n');
    writeFileSync(log, [...lines.slice(0, 3), lines[2], ...lines.slice(3)].join('\n'));
    expect(stats(env)).toMatchObject({ reviews: 123, cards: 123 });
    rmSnapshots(data);
    expect(stats(env)).toMatchObject({ reviews: 123, cards: 123 });
  });
});

function rmSnapshots(data: string): void {
  for (const f of readdirSync(join(data, 'snapshots'), { withFileTypes: true })) if (f.isFile()) writeFileSync(join(data, 'snapshots', f.name), '');
}


const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Machine a acts first, then (in real time) machine b, having read a's log: b's change must win. */
const SKEWS = [
  { name: "a's clock 5 minutes fast", a: 5 * MINUTE, b: 0 },
  { name: "a's clock 3 hours fast", a: 3 * HOUR, b: 0 },
  { name: "b's clock 5 minutes slow", a: 0, b: -5 * MINUTE },
  { name: "b's clock 3 hours slow", a: 0, b: -3 * HOUR },
];

describe('clocks that disagree: the later change wins', () => {
  const decks = deckDir(5);
  const pair = (skew: { a: number; b: number }) => {
    const data = join(tempDir(), 'data');
    return { a: skewedMachine(data, decks, skew.a), b: skewedMachine(data, decks, skew.b) };
  };

  it.each(SKEWS)('suspended on a, unsuspended on b ($name)', (skew) => {
    const { a, b } = pair(skew);
    expect(study(a, 's\nq\n')).toContain('Suspended many/c0 until crss unsuspend many/c0; u undoes it.');
    expect(stats(b).states.suspended).toBe(1);
    expect(runCrss(['unsuspend', 'many/c0'], { env: b })).toMatchObject({ status: 0, stdout: 'Unsuspended many/c0.\n', stderr: '' });
    expect(stats(b).states.suspended).toBe(0);
    expect(stats(a).states.suspended).toBe(0);
    expect(runCrss(['unsuspend', 'many/c0'], { env: a })).toMatchObject({ status: 0, stdout: 'many/c0 is not suspended.\n' });
    expect(readdirSync(join(a.CRSS_DATA_DIR!, 'logs')).length).toBe(2); // two machines, two device ids
  });

  it.each(SKEWS)('unsuspended on a, suspended again on b ($name)', (skew) => {
    const { a, b } = pair(skew);
    study(a, 's\nq\n');
    expect(runCrss(['unsuspend', 'many/c0'], { env: a }).stdout).toBe('Unsuspended many/c0.\n');
    expect(study(b, 's\nq\n')).toMatch(/^\[1\/5\] many\/c0 · new\n[^]*Suspended many\/c0 until crss unsuspend many\/c0; u undoes it\./);
    expect(stats(a).states.suspended).toBe(1);
    expect(stats(b).states.suspended).toBe(1);
  });

  it.each(SKEWS)('rated and undone on a, rated on b ($name)', (skew) => {
    const { a, b } = pair(skew);
    study(a, '3\nu\nq\n');
    expect(stats(a)).toMatchObject({ reviews: 0, cards: 0 });
    expect(study(b, '4\nq\n')).toMatch(/^\[1\/5\] many\/c0 · new\n/);
    for (const env of [a, b]) expect(stats(env)).toMatchObject({ reviews: 1, cards: 1, states: { review: 1 } });
  });

  it.each(SKEWS)('buried and unburied (undo) on a, buried on b ($name)', (skew) => {
    const { a, b } = pair(skew);
    expect(study(a, 'b\nu\nq\n')).toContain('Buried that card until tomorrow; u undoes it.');
    expect(study(b, 'q\n')).toMatch(/^\[1\/5\] many\/c0 · new\n/);
    expect(study(b, 'b\nq\n')).toContain('Buried that card until tomorrow; u undoes it.');
    for (const env of [a, b]) expect(study(env, 'q\n')).toMatch(/^\[1\/4\] many\/c1 · new\n/);
  });
});

/** What each sync tool names the copy it keeps of laptop.jsonl when two versions of it meet. */
const COPIES = [
  { tool: 'a Syncthing conflict copy', name: 'laptop.sync-conflict-20261203-091500-ABCDEF7.jsonl' },
  { tool: 'a Dropbox conflicted copy', name: "laptop (Ann's conflicted copy 2026-12-03).jsonl" },
  { tool: 'a Nextcloud or ownCloud conflicted copy', name: 'laptop (conflicted copy 2026-12-03 091500).jsonl' },
  { tool: 'a Google Drive duplicate', name: 'laptop (1).jsonl' },
  { tool: 'a OneDrive copy named after another computer', name: 'laptop-DESKTOP4.jsonl' },
];

describe('sync tools\' conflict copies', () => {
  it.each(COPIES)('$tool: merged once by every machine, folded into the log by its owner', ({ tool, name }) => {
    const data = join(tempDir(), 'data');
    const decks = deckDir(10);
    const laptop = machine('laptop', data, decks);
    const desktop = machine('desktop', data, decks);
    const log = join(data, 'logs/laptop.jsonl');
    rateEasy(laptop, 3);
    const three = readFileSync(log);
    rateEasy(laptop, 2);
    // The tool kept the version with 3 ratings as the log, the one with 5 as its copy.
    copyFileSync(log, join(data, 'logs', name));
    writeFileSync(log, three);
    // Said once: when the copy is first read; the snapshot then covers it.
    expect(rateEasy(desktop, 1).stderr).toBe(`crss: ${join(data, 'logs', name)}: merged as ${tool} of laptop's log (each event in it counts once)\n`);
    expect(stats(desktop)).toMatchObject({ reviews: 6, cards: 6, stderr: '' });

    const r = runCrss(['study', '--plain', '--deck', 'many', '--new', '1000'], { env: laptop, input: '4\n' });
    expect(r.status, r.stderr).toBe(0);
    const backup = /\(it is kept in backup (\S+)\)/.exec(r.stderr)?.[1];
    expect(r.stderr).toContain(`crss: ${join(data, 'logs', name)}: ${tool} of this machine's log; added the 2 events only it held to ${log} and removed it (it is kept in backup ${backup})\n`);
    expect(readdirSync(join(data, 'logs')).sort()).toEqual(['desktop.jsonl', 'laptop.jsonl']);
    expect(readdirSync(join(data, 'backups', backup!, 'logs'))).toContain(name);
    // The backup holds the log and its copy: their shared events count once there too.
    const listed = JSON.parse(runCrss(['backup', 'list', '--json'], { env: laptop }).stdout) as { id: string; reviews: number }[];
    expect(listed.find((b) => b.id === backup)).toMatchObject({ reviews: 6 });
    for (const env of [laptop, desktop]) expect(stats(env)).toMatchObject({ reviews: 7, cards: 7, stderr: '' });
  });
});

describe('clocks that disagree: quiz answers and reviews', () => {
  const PRACTICE = join(import.meta.dirname, '../fixtures/practice');
  /** Machine a's clock runs 3 hours behind; b's is right. */
  const pair = () => {
    const data = join(tempDir(), 'data');
    return { a: skewedMachine(data, PRACTICE, -3 * HOUR), b: skewedMachine(data, PRACTICE, 0) };
  };
  const CARD = ['--deck', 'practice', '--topic', 'trust'];

  /** Answers the one trust question wrong in a seeded tutor quiz. */
  function missInQuiz(env: Record<string, string>) {
    const args = ['quiz', '--plain', ...CARD, '--count', '1', '--seed', 's'];
    const asked = runCrss(args, { env }).stdout;
    const wrong = [...asked.matchAll(/^ {2}([A-D])\) (.*)$/gm)].find((m) => m[2]!.startsWith('Wrong'))![1]!;
    const r = runCrss(args, { env, input: `${wrong}\n` });
    expect(r.stdout, r.stderr).toContain('Wrong. The answer is');
  }

  /** Reveals the trust card and rates it Easy (due in days, whichever machine's clock counts). */
  function review(env: Record<string, string>) {
    const r = runCrss(['study', '--plain', ...CARD], { env, input: '\n4\nq\n' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^\[1\/1\] practice · /);
  }

  it("missed on b, then reviewed on a (3 hours behind): no longer missed, on either machine", () => {
    const { a, b } = pair();
    review(b);
    missInQuiz(b);
    expect(stats(a)).toMatchObject({ missedWaiting: 1, due: 1 });
    review(a);
    for (const env of [a, b]) expect(stats(env)).toMatchObject({ missedWaiting: 0, due: 0, reviews: 2 });
  });

  it('reviewed on b, then missed on a (3 hours behind): due for study at once, on either machine', () => {
    const { a, b } = pair();
    review(b);
    expect(stats(a)).toMatchObject({ missedWaiting: 0, due: 0 });
    missInQuiz(a);
    for (const env of [a, b]) expect(stats(env)).toMatchObject({ missedWaiting: 1, due: 1 });
  });

  it('answered right on b, then missed on a (3 hours behind): --missed offers it on both machines', () => {
    const { a, b } = pair();
    const args = ['quiz', '--plain', ...CARD, '--count', '1', '--seed', 's'];
    const asked = runCrss(args, { env: b }).stdout;
    const right = [...asked.matchAll(/^ {2}([A-D])\) (.*)$/gm)].find((m) => m[2]!.startsWith('Right'))![1]!;
    expect(runCrss(args, { env: b, input: `${right}\n` }).stdout).toContain('Correct.');
    missInQuiz(a);
    for (const env of [a, b]) expect(runCrss(['quiz', '--plain', '--missed', '--seed', 's'], { env }).stdout).toMatch(/^\[1\/1\] practice\nQ: Which option is right for the card never studied\?$/m);
  });
});
