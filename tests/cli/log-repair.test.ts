/**
 * Repairs of this machine's own log through the real binary: damage far back in the log (found by the
 * full read, not the tail check), then more ratings, which must land in the live log, not in the copy
 * kept aside; and a disk that fills during the repair.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, isolatedEnv, middayZone, runCrss, tempDir } from '../helpers/run-crss.js';

function deckDir(count: number): string {
  const dir = tempDir('crss-decks-');
  const cards = Array.from({ length: count }, (_, i) => `  - id: c${i}\n    front: Front ${i}\n    back: Back ${i}\n`).join('');
  writeFileSync(join(dir, 'many.yaml'), `deck: many\ntitle: Many\ncards:\n${cards}`);
  return dir;
}

const DECKS = deckDir(80);

function setup(dataDir?: string) {
  const env = isolatedEnv({ CRSS_DECKS: DECKS, CRSS_DEVICE: 'dev-a', TZ: middayZone() });
  env.CRSS_DATA_DIR = dataDir ?? join(env.HOME!, 'crss-data');
  return env;
}

/** Rates `count` new cards Easy (due in days, so none comes back in the session). */
function rateEasy(env: Record<string, string>, count: number) {
  return runCrss(['study', '--plain', '--deck', 'many', '--new', '1000'], { env, input: '4\n'.repeat(count) });
}

interface LogLine {
  e: { type: string; card?: string };
}

/** The cards reviewed in a log, read as an outsider (damaged lines skipped). */
function reviewedCards(path: string): string[] {
  const cards: string[] = [];
  for (const line of readFileSync(path, 'latin1').split('\n')) {
    try {
      const e = (JSON.parse(line) as LogLine).e;
      if (e.type === 'review') cards.push(e.card!);
    } catch {
      // damaged
    }
  }
  return cards;
}

type Damage = (lines: Buffer[]) => Buffer[];

/** The cards the 3 ratings after the damage go to: a card whose only review was lost is new again, and first. */
const NEXT = ['many/c60', 'many/c61', 'many/c62'];

const damages: { name: string; damage: Damage; lostCards: number; next: string[] }[] = [
  {
    name: 'a flipped byte in line 5',
    damage: (lines) => lines.map((l, i) => (i === 4 ? Buffer.from(l.toString('latin1').replace('"rating":4', '"rating":5'), 'latin1') : l)),
    lostCards: 1,
    next: ['many/c3', 'many/c60', 'many/c61'],
  },
  { name: 'an inserted garbage line', damage: (lines) => [...lines.slice(0, 5), Buffer.from('garbage, not a line crss wrote'), ...lines.slice(5)], lostCards: 0, next: NEXT },
  { name: 'a 50 MB line', damage: (lines) => [...lines.slice(0, 5), Buffer.alloc(50 * 1024 * 1024, 'x'), ...lines.slice(5)], lostCards: 0, next: NEXT },
  {
    name: 'invalid UTF-8 in the middle of the file',
    damage: (lines) => lines.map((l, i) => (i === 30 ? Buffer.concat([l.subarray(0, 40), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), l.subarray(44)]) : l)),
    lostCards: 1,
    next: ['many/c29', 'many/c60', 'many/c61'],
  },
];

describe('repair of damage far back in the own log', () => {
  it.each(damages)('$name, snapshots deleted: the next 3 ratings are all in the live log', ({ damage, lostCards, next }) => {
    const env = setup();
    expect(rateEasy(env, 60).status).toBe(0);
    const data = env.CRSS_DATA_DIR!;
    const log = join(data, 'logs/dev-a.jsonl');
    const bytes = readFileSync(log);
    const lines: Buffer[] = [];
    for (let at = 0; at < bytes.length; ) {
      const nl = bytes.indexOf(10, at);
      lines.push(bytes.subarray(at, nl));
      at = nl + 1;
    }
    expect(lines.length).toBe(61);
    writeFileSync(log, Buffer.concat(damage(lines).flatMap((l) => [l, Buffer.from('\n')])));
    rmSync(join(data, 'snapshots'), { recursive: true });

    const r = rateEasy(env, 3);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/damaged line \d+; the original is kept as .*\.corrupt-/);
    const live = reviewedCards(log);
    expect(live.slice(-3)).toEqual(next);
    expect(live.length).toBe(63 - lostCards);
    const aside = readdirSync(join(data, 'logs')).filter((f) => f.includes('.corrupt-'));
    expect(aside.length).toBe(1);
    expect(reviewedCards(join(data, 'logs', aside[0]!)).filter((card) => NEXT.includes(card))).toEqual([]);
    const stats = runCrss(['stats', '--json'], { env });
    expect(JSON.parse(stats.stdout).reviews).toBe(63 - lostCards);
    expect(stats.stderr).toBe('');
    // The session after: no repair left to do, and its ratings add to the same log.
    const again = rateEasy(env, 2);
    expect(again).toMatchObject({ status: 0, stderr: '' });
    expect(reviewedCards(log).length).toBe(65 - lostCards);
  }, 60_000);
});

/**
 * A folder on a disk this small, mounted for the test (the machine runs tests as root). Where mounting
 * is not allowed, the limit is a file-size limit instead (ulimit -f), which fails the same writes with
 * EFBIG instead of ENOSPC.
 */
const mounts: string[] = [];
afterAll(() => {
  for (const dir of mounts) spawnSync('umount', [dir]);
});

function smallDisk(kib: number): string | undefined {
  const dir = tempDir('crss-tmpfs-');
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${kib}k`, 'tmpfs', dir], { encoding: 'utf8' });
  if (r.status !== 0) return undefined;
  mounts.push(dir);
  return dir;
}

/** Fills the disk at `dir`, then frees `pages` 4 KiB pages. */
function fillLeaving(dir: string, pages: number): void {
  const page = Buffer.alloc(4096, 'f');
  mkdirSync(join(dir, 'filler'));
  let n = 0;
  for (;;) {
    try {
      writeFileSync(join(dir, 'filler', String(n)), page);
      n++;
    } catch {
      rmSync(join(dir, 'filler', String(n)), { force: true });
      break;
    }
  }
  for (let i = 1; i <= pages; i++) rmSync(join(dir, 'filler', String(n - i)));
}

describe('a full disk during the repair', () => {
  it('fails with one line naming the log, leaves it unchanged and adds no second name for it', () => {
    const disk = smallDisk(1024);
    const data = join(disk ?? tempDir(), 'data');
    const env = setup(data);
    expect(rateEasy(env, 60).status).toBe(0);
    const log = join(data, 'logs/dev-a.jsonl');
    const lines = readFileSync(log, 'utf8').split('\n');
    lines[4] = lines[4]!.replace('"rating":4', '"rating":5');
    writeFileSync(log, lines.join('\n'));
    rmSync(join(data, 'snapshots'), { recursive: true });
    const damaged = readFileSync(log);
    expect(damaged.length).toBeGreaterThan(3 * 4096);

    let r;
    if (disk) {
      fillLeaving(disk, 2);
      r = rateEasy(env, 3);
      rmSync(join(disk, 'filler'), { recursive: true });
    } else {
      // No mount here: limit file sizes to below the log's (SIGXFSZ ignored, so writes fail with EFBIG).
      const limit = Math.floor(damaged.length / 1024) - 1;
      const child = spawnSync('sh', ['-c', `trap '' XFSZ; ulimit -f ${limit}; exec "$0" "$@"`, process.execPath, BIN, 'study', '--plain', '--deck', 'many', '--new', '1000'], {
        env,
        input: '4\n4\n4\n',
        encoding: 'utf8',
      });
      r = { status: child.status, stderr: child.stderr };
    }
    expect(r.status).toBe(1);
    // The daily backup may fail first, with its own warning; the repair's error is the last line.
    expect(r.stderr.split('\n').at(-2)).toMatch(new RegExp(`^crss: cannot write ${log.replace(/[.]/g, '\\.')}: .*; nothing was changed$`));
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
    expect(statSync(log).nlink).toBe(1);
    expect(readdirSync(join(data, 'logs'))).toEqual(['dev-a.jsonl']);
    expect(readFileSync(log)).toEqual(damaged);

    // With room again, the repair happens and the ratings are kept.
    const after = rateEasy(env, 3);
    expect(after.status, after.stderr).toBe(0);
    expect(reviewedCards(log).slice(-3)).toEqual(['many/c3', 'many/c60', 'many/c61']);
  }, 60_000);
});

describe('damage found when a file is opened', () => {
  it('a snapshot cut short is rebuilt from the logs at once, not reported by the next stats', () => {
    const env = setup();
    expect(rateEasy(env, 20).status).toBe(0);
    const snapshot = join(env.CRSS_DATA_DIR!, 'snapshots/dev-a.snapshot');
    const bytes = readFileSync(snapshot);
    writeFileSync(snapshot, bytes.subarray(0, bytes.length - 100));
    const stats = runCrss(['stats', '--json'], { env });
    expect(stats).toMatchObject({ status: 0, stderr: '' });
    expect(JSON.parse(stats.stdout)).toMatchObject({ reviews: 20, cards: 20 });
    expect(rateEasy(env, 1)).toMatchObject({ status: 0, stderr: '' });
    expect(JSON.parse(runCrss(['stats', '--json'], { env }).stdout).reviews).toBe(21);
  });

  it('stats warns, as study does, when a log is cut inside what the snapshot read as whole', () => {
    const env = setup();
    expect(rateEasy(env, 20).status).toBe(0);
    const log = join(env.CRSS_DATA_DIR!, 'logs/dev-a.jsonl');
    const text = readFileSync(log, 'utf8');
    const lines = text.split('\n');
    const cut = lines.slice(0, 9).join('\n').length + 1 + 40; // 40 bytes into line 10
    writeFileSync(log, text.slice(0, cut));
    const stats = runCrss(['stats', '--json'], { env });
    expect(stats.status).toBe(0);
    expect(stats.stderr).toBe(`crss: ${log}: cut or damaged at line 10, which was whole when the state was last saved; only the 9 lines before it are used\n`);
    expect(JSON.parse(stats.stdout).reviews).toBe(8);
    const study = rateEasy(env, 0);
    expect(study.stderr).toMatch(new RegExp(`^crss: ${log.replace(/[.]/g, '\\.')}: cut 40 bytes of an incomplete last line`));
  });

  it('a damaged device file is named, with what to do, and no new device is made', () => {
    const env = setup();
    delete env.CRSS_DEVICE;
    expect(rateEasy(env, 1).status).toBe(0);
    const file = join(env.XDG_STATE_HOME!, 'crss/device');
    writeFileSync(file, '\u0000\u00ff\u001b[2J not an id\n');
    for (const args of [['stats'], ['study', '--plain', '--deck', 'many']]) {
      const r = runCrss(args, { env });
      expect(r).toMatchObject({
        status: 1,
        stdout: '',
        stderr: `crss: ${file}: damaged (it holds no device id); put back this machine's id (the name of its log in the data folder's logs/, without .jsonl), or delete the file to continue as a new device\n`,
      });
    }
    expect(readdirSync(join(env.CRSS_DATA_DIR!, 'logs')).length).toBe(1);
  });
});
