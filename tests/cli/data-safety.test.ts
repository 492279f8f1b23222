/**
 * The data folder under stress, through the real binary: locks, damage, newer schemas, full and
 * read-only disks, merging machines, backups and prune. (tests/store has the store's unit tests.)
 */
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HistoryEvent } from '../../src/core/events.js';
import { reduceEvents } from '../../src/core/history.js';
import { encodeLine } from '../../src/store/event-log.js';
import { openStore } from '../../src/store/store.js';
import { BIN, isolatedEnv, ROOT, runCrss, tempDir, middayZone } from '../helpers/run-crss.js';

const DECKS = join(import.meta.dirname, '../fixtures/valid');

function setup(device = 'dev-a', dataDir?: string) {
  const env = isolatedEnv({ CRSS_DECKS: DECKS, CRSS_DEVICE: device, TZ: middayZone() });
  env.CRSS_DATA_DIR = dataDir ?? join(env.HOME!, 'crss-data');
  return env;
}

function studyGood(env: Record<string, string>, ratings = 2) {
  return runCrss(['study', '--plain', '--deck', 'study-sample'], { env, input: '3\n'.repeat(ratings) });
}

function reviews(env: Record<string, string>): number {
  const r = runCrss(['stats', '--json'], { env });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout).reviews;
}

function review(id: string, card: string, time: string): HistoryEvent {
  const after = { due: time, stability: 1, difficulty: 5, scheduledDays: 0, learningSteps: 0, reps: 1, lapses: 0, state: 'learning' as const, lastReview: time };
  return { type: 'review', id, time, session: 's', card, rating: 3, durationMs: 1, contentHash: 'h', before: null, after };
}

describe('locking', () => {
  it('refuses a second session with exit 75 naming the holder, while stats still work', async () => {
    const env = setup();
    const first = spawn(process.execPath, [BIN, 'study', '--plain', '--deck', 'study-sample'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    await new Promise<void>((resolve) => first.stdout.on('data', (d: Buffer) => d.toString().includes('[1/') && resolve()));
    const second = studyGood(env);
    expect(second.status).toBe(75);
    expect(second.stderr).toBe(`crss: data folder ${env.CRSS_DATA_DIR} is in use by crss process ${first.pid} (started ${JSON.parse(readFileSync(join(env.CRSS_DATA_DIR!, 'locks/dev-a.lock'), 'utf8')).started}); close that session first\n`);
    expect(runCrss(['stats', '--json'], { env }).status).toBe(0);
    expect(runCrss(['decks'], { env }).status).toBe(0);
    first.stdin.end('3\n');
    await new Promise((resolve) => first.on('close', resolve));
    expect(reviews(env)).toBe(1);
  });

  it('takes over a lock whose process is gone at once', () => {
    const env = setup();
    mkdirSync(join(env.CRSS_DATA_DIR!, 'locks'), { recursive: true });
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    writeFileSync(join(env.CRSS_DATA_DIR!, 'locks/dev-a.lock'), JSON.stringify({ pid: Number(dead), hostname: spawnSync('hostname', { encoding: 'utf8' }).stdout.trim(), started: '2026-01-01T00:00:00.000Z' }));
    const r = studyGood(env, 1);
    expect(r.status).toBe(0);
    expect(reviews(env)).toBe(1);
  });
});

describe('damaged files', () => {
  it('cuts a torn last line of its own log, keeping the original, and loads the rest', () => {
    const env = setup();
    studyGood(env, 2);
    const log = join(env.CRSS_DATA_DIR!, 'logs/dev-a.jsonl');
    appendFileSync(log, '{"crc":"00000000","e":{"type":"rev');
    expect(reviews(env)).toBe(2);
    const r = studyGood(env, 1);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`^crss: ${log}: cut 34 bytes of an incomplete last line \\(a save interrupted by a crash\\); the file before the cut is in backup \\d{8}-\\d{6}-torn-log\\n$`));
    expect(readFileSync(log, 'utf8').endsWith('}\n')).toBe(true);
    expect(readdirSync(join(env.CRSS_DATA_DIR!, 'backups')).some((f) => f.endsWith('-torn-log'))).toBe(true);
    expect(reviews(env)).toBe(3);
  });

  it('moves a log with a damaged middle line aside and keeps every intact line', () => {
    const env = setup();
    studyGood(env, 3);
    const log = join(env.CRSS_DATA_DIR!, 'logs/dev-a.jsonl');
    const lines = readFileSync(log, 'utf8').split('\n');
    lines[2] = lines[2]!.replace('"rating":3', '"rating":4');
    writeFileSync(log, lines.join('\n'));
    const damaged = readFileSync(log);
    const r = studyGood(env, 0);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`^crss: ${log}: damaged line 3; the original is kept as ${log}\\.corrupt-\\d{8}-\\d{6} and the log now holds the 2 intact events\\n$`));
    const aside = readdirSync(join(env.CRSS_DATA_DIR!, 'logs')).find((f) => f.includes('.corrupt-'))!;
    expect(readFileSync(join(env.CRSS_DATA_DIR!, 'logs', aside))).toEqual(damaged);
    expect(reviews(env)).toBe(2);
  });

  it('refuses a log written by a newer crss and leaves it untouched', () => {
    const env = setup();
    studyGood(env, 1);
    const log = join(env.CRSS_DATA_DIR!, 'logs/dev-a.jsonl');
    const lines = readFileSync(log, 'utf8').split('\n');
    lines[0] = encodeLine({ type: 'header', schema: 2, device: 'dev-a' }).trimEnd();
    writeFileSync(log, lines.join('\n'));
    const before = readFileSync(log);
    rmSnapshots(env);
    const r = studyGood(env, 1);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^crss: ${log}: written by a newer crss \\(schema 2\\); upgrade crss`));
    expect(readFileSync(log)).toEqual(before);
    expect(runCrss(['stats'], { env }).status).toBe(1);
  });

  it('refuses a config file it cannot read and never overwrites it', () => {
    const env = setup();
    mkdirSync(env.CRSS_DATA_DIR!, { recursive: true });
    writeFileSync(join(env.CRSS_DATA_DIR!, 'config.json'), '{ not json');
    const r = runCrss(['config', 'set', 'retention', '0.85'], { env });
    expect(r).toMatchObject({ status: 1, stderr: `crss: ${join(env.CRSS_DATA_DIR!, 'config.json')} is not valid JSON; fix it or move it away (crss never overwrites a file it cannot read)\n` });
    expect(readFileSync(join(env.CRSS_DATA_DIR!, 'config.json'), 'utf8')).toBe('{ not json');
  });

  it('rebuilds from the logs when the snapshot is damaged', () => {
    const env = setup();
    studyGood(env, 3);
    const snap = join(env.CRSS_DATA_DIR!, 'snapshots/dev-a.snapshot');
    expect(existsSync(snap)).toBe(true);
    writeFileSync(snap, readFileSync(snap, 'utf8').replace('"reviewCount":3', '"reviewCount":9'));
    expect(reviews(env)).toBe(3);
  });
});

function rmSnapshots(env: Record<string, string>) {
  spawnSync('rm', ['-rf', join(env.CRSS_DATA_DIR!, 'snapshots')]);
}

describe('disks that refuse writes', () => {
  it('a full disk (ulimit -f) gives a clear error and keeps the last good state', () => {
    const env = setup();
    studyGood(env, 2);
    const log = join(env.CRSS_DATA_DIR!, 'logs/dev-a.jsonl');
    const size = readFileSync(log).length;
    // Let the log grow by less than 512 bytes: within a rating or two, one cannot be saved.
    const blocks = Math.ceil(size / 512);
    const r = spawnSync('sh', ['-c', `trap '' XFSZ; ulimit -f ${blocks}; exec "${process.execPath}" "${BIN}" study --plain --deck study-sample`], { env, input: '3\n'.repeat(5), encoding: 'utf8', cwd: ROOT });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^crss: cannot write .*dev-a\.jsonl: the disk is full \(file size limit reached\); this change was not saved; everything saved before it is intact\n$/);
    // Every rating acknowledged (the next card shown) before the failure is kept; the failed one is not.
    const acknowledged = (r.stdout.match(/^\[\d+\/\d+\] /gm) ?? []).length - 1;
    expect(reviews(env)).toBe(2 + acknowledged);
    // The failed line was taken back: the log still ends on a whole line.
    expect(readFileSync(log, 'utf8').endsWith('}\n')).toBe(true);
  });

  it('a read-only data folder gives a clear error (read-only mount)', () => {
    const env = setup();
    studyGood(env, 1);
    const mount = spawnSync('mount', ['--bind', '-o', 'ro', env.CRSS_DATA_DIR!, env.CRSS_DATA_DIR!]);
    if (mount.status !== 0) {
      // Without mount rights, check the same error path on a folder we cannot create.
      const ro = { ...env, CRSS_DATA_DIR: '/proc/crss-data' };
      const r = studyGood(ro, 1);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/^crss: cannot create \/proc\/crss-data: /);
      return;
    }
    try {
      spawnSync('mount', ['-o', 'remount,bind,ro', env.CRSS_DATA_DIR!]);
      const r = studyGood(env, 1);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/^crss: cannot write .*: the folder is read-only; nothing was changed\n$/);
      expect(reviews(env)).toBe(1);
    } finally {
      spawnSync('umount', [env.CRSS_DATA_DIR!]);
    }
  });
});

describe('two machines', () => {
  it('merges two data folders into the union of their reviews', () => {
    const a = setup('laptop');
    const b = setup('desktop');
    studyGood(a, 2);
    studyGood(b, 3);
    const shared = tempDir();
    mkdirSync(join(shared, 'logs'));
    for (const env of [a, b]) for (const f of readdirSync(join(env.CRSS_DATA_DIR!, 'logs'))) copyFileSync(join(env.CRSS_DATA_DIR!, 'logs', f), join(shared, 'logs', f));
    const merged = setup('laptop', shared);
    expect(reviews(merged)).toBe(5);
    // Each machine goes on writing only its own file.
    studyGood(merged, 1);
    expect(readdirSync(join(shared, 'logs')).sort()).toEqual(['desktop.jsonl', 'laptop.jsonl']);
    expect(reviews(setup('desktop', shared))).toBe(6);
  });

  it('merging is order-free: the latest event decides whatever order logs are read in', () => {
    const e1 = review('a-1', 'd/x', '2026-01-01T10:00:00.000Z');
    const e2 = review('b-1', 'd/x', '2026-01-01T11:00:00.000Z');
    const one = reduceEvents([e1, e2]);
    const two = reduceEvents([e2, e1]);
    expect(one.cards.get('d/x')).toEqual(two.cards.get('d/x'));
    expect(one.cards.get('d/x')!.lastReviewTime).toBe('2026-01-01T11:00:00.000Z');
  });
});

describe('backups', () => {
  it('keeps daily backups and restores one, backing up the present first', () => {
    const env = setup();
    studyGood(env, 1);
    studyGood(env, 1);
    const list = JSON.parse(runCrss(['backup', 'list', '--json'], { env }).stdout) as { id: string; reason: string }[];
    expect(list.map((b) => b.reason)).toEqual(['daily']);
    expect(reviews(env)).toBe(2);
    expect(runCrss(['backup', 'restore', list[0]!.id], { env })).toMatchObject({ status: 2, stderr: `crss: not a terminal to ask in: pass --yes to restore backup ${list[0]!.id}\n` });
    const text = runCrss(['backup', 'list'], { env }).stdout.split('\n');
    expect(text[0]).toBe(`${'BACKUP'.padEnd(list[0]!.id.length)}  REVIEWS  QUIZ  LATEST EVENT`);
    expect(text[1]).toMatch(new RegExp(`^${list[0]!.id} +1 +0  [A-Z][a-z]{2} \\d+, \\d{4}, \\d+:\\d{2} [AP]M$`));
    const r = runCrss(['backup', 'restore', '--yes', list[0]!.id], { env });
    expect(r.status).toBe(0);
    // Before restoring, it says what the backup holds and what will be undone.
    expect(r.stdout).toMatch(new RegExp(`^Backup ${list[0]!.id} \\(daily, taken [0-9-]+ [0-9:]+\\) holds\n1 review and 0 quiz answers, the latest event .+\\.\nRestoring it undoes 1 review, 0 quiz answers and 0 other events\nmade on this machine since \\(the latest .+\\);\na before-restore backup keeps them\\. Other machines' logs are kept as they are\\.\nRestored backup`));
    expect(reviews(env)).toBe(1);
    const after = JSON.parse(runCrss(['backup', 'list', '--json'], { env }).stdout) as { reason: string }[];
    expect(after.map((b) => b.reason).sort()).toEqual(['before-restore', 'daily']);
    expect(runCrss(['backup', 'restore', '--yes', 'nope'], { env })).toMatchObject({ status: 2, stderr: "crss: no backup 'nope' (crss backup list shows them)\n" });
  });
});

describe('prune', () => {
  it('forgets orphans only on request, after a backup', () => {
    const env = setup();
    const store = openStore({ dataDir: env.CRSS_DATA_DIR!, device: 'dev-a', mode: 'write', now: () => new Date(), warn: () => {} });
    store.append(review('x1', 'gone-deck/old-card', new Date().toISOString()));
    store.close();
    studyGood(env, 1);
    expect(runCrss(['prune', '--dry-run'], { env }).stdout).toBe('History of 1 card in no loaded deck:\n  gone-deck/old-card\nNothing forgotten (--dry-run).\n');
    expect(reviews(env)).toBe(2);
    expect(runCrss(['prune'], { env }).status).toBe(2);
    const r = runCrss(['prune', '--yes'], { env });
    expect(r.stdout).toBe('History of 1 card in no loaded deck:\n  gone-deck/old-card\nForgot the history of 1 card (a backup was made first).\n');
    expect(JSON.parse(runCrss(['stats', '--json'], { env }).stdout).cards).toBe(1);
    expect(JSON.parse(runCrss(['backup', 'list', '--json'], { env }).stdout).some((b: { reason: string }) => b.reason === 'prune')).toBe(true);
    // Once forgotten, a card is not offered again.
    expect(runCrss(['prune', '--dry-run'], { env }).stdout).toBe('No orphaned history: every card with history is in a loaded deck.\n');
  });
});
