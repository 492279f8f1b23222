/**
 * kill -9 at random moments during `crss backup restore` and `crss prune` (issue 11): after every
 * kill the data folder loads, every event that was in a log before the kill is still in a log or in
 * a complete backup, this machine's log is whole (the old or the restored one, never a mix), and
 * another machine's log is never touched.
 */
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HistoryEvent } from '../../src/core/events.js';
import { seededRandom } from '../../src/core/random.js';
import { encodeLine, headerLine } from '../../src/store/event-log.js';
import { BIN, isolatedEnv, runCrss, tempDir, middayZone } from '../helpers/run-crss.js';

const KILLS = 25;
/**
 * Kills land from before start-up ends to about when the command is done. The window starts at 400 ms
 * and shrinks to the longest run seen to finish unkilled, so that on a fast machine the kills still
 * fall while the command works, not after it.
 */
const KILL_WINDOW_MS = 400;

class KillWindow {
  private ms = KILL_WINDOW_MS;
  private finished = 0;
  at(random: () => number): number {
    return Math.floor(random() * this.ms);
  }
  saw(run: { killed: boolean; ms: number }): boolean {
    if (!run.killed) {
      this.finished = Math.max(this.finished, run.ms);
      this.ms = Math.max(20, Math.min(this.ms, this.finished));
    }
    return run.killed;
  }
}

/** Event ids in the logs of a logs/ folder, read as an outsider (a torn last line is skipped). */
function eventIds(logsDir: string): Set<string> {
  const ids = new Set<string>();
  if (!existsSync(logsDir)) return ids;
  for (const file of readdirSync(logsDir).filter((n) => n.endsWith('.jsonl'))) {
    for (const line of readFileSync(join(logsDir, file), 'utf8').split('\n')) {
      try {
        const e = JSON.parse(line).e;
        if (e.id) ids.add(e.id);
      } catch {
        // torn tail
      }
    }
  }
  return ids;
}

/** Every event id in the live logs and in every complete backup. */
function everyKeptId(data: string): Set<string> {
  const ids = eventIds(join(data, 'logs'));
  const backups = join(data, 'backups');
  if (existsSync(backups)) for (const id of readdirSync(backups).filter((n) => !n.endsWith('.partial'))) for (const e of eventIds(join(backups, id, 'logs'))) ids.add(e);
  return ids;
}

/** Runs crss and kills it after `killAfterMs`: whether the kill came before it ended, and how long it ran. */
function killedRun(env: Record<string, string>, args: string[], killAfterMs: number): Promise<{ killed: boolean; ms: number }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'ignore', 'ignore'] });
    const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('close', (_code, signal) => {
      clearTimeout(timer);
      resolve({ killed: signal === 'SIGKILL', ms: Date.now() - started });
    });
  });
}

function review(id: string, card: string): HistoryEvent {
  const time = new Date().toISOString();
  const after = { due: time, stability: 1, difficulty: 5, scheduledDays: 0, learningSteps: 0, reps: 1, lapses: 0, state: 'learning' as const, lastReview: time };
  return { type: 'review', id, time, session: 's', card, rating: 3, durationMs: 1, contentHash: 'h', before: null, after };
}

function setup() {
  const env = isolatedEnv({ CRSS_DEVICE: 'crash-device', TZ: middayZone() });
  const decks = tempDir();
  const cards = Array.from({ length: 30 }, (_, i) => `  - id: c${i}\n    front: Front ${i}\n    back: Back ${i}\n`).join('');
  writeFileSync(join(decks, 'crash.yaml'), `deck: crash\ntitle: Crash\ncards:\n${cards}`);
  env.CRSS_DECKS = decks;
  env.CRSS_DATA_DIR = join(env.HOME!, 'crss-data');
  return env;
}

function loads(env: Record<string, string>, when: string): number {
  const r = runCrss(['stats', '--json'], { env });
  expect(r.status, `${when}: ${r.stderr}`).toBe(0);
  return JSON.parse(r.stdout).reviews;
}

describe('kill -9 during maintenance', () => {
  it(`backup restore: ${KILLS} kills lose nothing and never touch another machine's log`, async () => {
    const env = setup();
    const data = env.CRSS_DATA_DIR!;
    const study = (ratings: number) => expect(runCrss(['study', '--plain', '--deck', 'crash', '--new', '30'], { env, input: '3\n'.repeat(ratings) }).status).toBe(0);
    study(3);
    study(3); // the daily backup: the first session had nothing to back up
    study(4);
    mkdirSync(join(data, 'logs'), { recursive: true });
    writeFileSync(join(data, 'logs/other-machine.jsonl'), headerLine('other-machine') + encodeLine(review('other-1', 'crash/c29')));
    const peer = readFileSync(join(data, 'logs/other-machine.jsonl'));
    const own = join(data, 'logs/crash-device.jsonl');
    const random = seededRandom(11);
    const window = new KillWindow();
    let killed = 0;
    for (let i = 0; i < KILLS; i++) {
      const backups = (JSON.parse(runCrss(['backup', 'list', '--json'], { env }).stdout) as { id: string }[]).map((b) => b.id);
      const target = backups[Math.floor(random() * backups.length)]!;
      const before = everyKeptId(data);
      const ownBefore = readFileSync(own);
      const ownInBackup = existsSync(join(data, 'backups', target, 'logs/crash-device.jsonl')) ? readFileSync(join(data, 'backups', target, 'logs/crash-device.jsonl')) : undefined;
      if (window.saw(await killedRun(env, ['backup', 'restore', '--yes', target], window.at(random)))) killed++;
      loads(env, `kill ${i}`);
      const after = everyKeptId(data);
      for (const id of before) expect(after.has(id), `kill ${i}: event ${id}`).toBe(true);
      const ownAfter = existsSync(own) ? readFileSync(own) : undefined;
      expect(ownAfter !== undefined && (ownAfter.equals(ownBefore) || (ownInBackup !== undefined && ownAfter.equals(ownInBackup))), `kill ${i}: own log is the old or the restored one`).toBe(true);
      expect(readFileSync(join(data, 'logs/other-machine.jsonl')), `kill ${i}: the other machine's log`).toEqual(peer);
      expect(readdirSync(join(data, 'logs')).filter((n) => !n.endsWith('.jsonl') && !/\.restore-\d+$/.test(n)), `kill ${i}: nothing else in logs/`).toEqual([]);
      if (i % 5 === 4) study(1); // something new to lose
    }
    expect(killed).toBeGreaterThan(KILLS / 5); // most kills land before the command is done
  }, 300_000);

  it(`prune: ${KILLS} kills lose no review, and a later prune finishes the job`, async () => {
    const env = setup();
    const data = env.CRSS_DATA_DIR!;
    expect(runCrss(['study', '--plain', '--deck', 'crash', '--new', '30'], { env, input: '3\n'.repeat(5) }).status).toBe(0);
    const peerLog = join(data, 'logs/other-machine.jsonl');
    writeFileSync(peerLog, headerLine('other-machine'));
    const random = seededRandom(12);
    const window = new KillWindow();
    let killed = 0;
    let orphans = 0;
    for (let i = 0; i < KILLS; i++) {
      // History of cards in no deck, from another machine: what prune forgets.
      for (let k = 0; k < 20; k++) appendFileSync(peerLog, encodeLine(review(`other-${i}-${k}`, `gone/card-${i}-${k}`)));
      orphans += 20;
      const before = eventIds(join(data, 'logs'));
      const reviewsBefore = loads(env, `before kill ${i}`);
      if (window.saw(await killedRun(env, ['prune', '--yes'], window.at(random)))) killed++;
      const after = eventIds(join(data, 'logs'));
      for (const id of before) expect(after.has(id), `kill ${i}: event ${id}`).toBe(true);
      expect(loads(env, `kill ${i}`)).toBe(reviewsBefore);
    }
    const finish = runCrss(['prune', '--yes'], { env });
    expect(finish.status, finish.stderr).toBe(0);
    expect(runCrss(['prune', '--yes'], { env }).stdout).toBe('No orphaned history: every card with history is in a loaded deck.\n');
    expect(orphans).toBe(KILLS * 20);
    expect(killed).toBeGreaterThan(KILLS / 5);
  }, 300_000);
});
