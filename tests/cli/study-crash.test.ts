/**
 * kill -9 at random moments during scripted study sessions: after every kill the state must load
 * and hold every acknowledged rating (acknowledged = the next `[n/m]` line was printed).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/core/random.js';
import { BIN, isolatedEnv, runCrss, tempDir, middayZone } from '../helpers/run-crss.js';

const KILLS = 200;

function writeCrashDeck(dir: string): void {
  const cards = Array.from({ length: 40 }, (_, i) => `  - id: c${i}\n    front: Front ${i}\n    back: Back ${i}\n`).join('');
  writeFileSync(join(dir, 'crash.yaml'), `deck: crash\ntitle: Crash\ncards:\n${cards}`);
}

/** Review events per card in the logs, reading them as a tolerant outsider (a torn last line is skipped). */
function reviewsPerCard(dataDir: string): Map<string, number> {
  const counts = new Map<string, number>();
  const logs = join(dataDir, 'logs');
  if (!existsSync(logs)) return counts;
  const undone = new Set<string>();
  const reviews: { id: string; card: string }[] = [];
  for (const file of readdirSync(logs)) {
    for (const line of readFileSync(join(logs, file), 'utf8').split('\n')) {
      try {
        const e = JSON.parse(line).e;
        if (e.type === 'review') reviews.push(e);
        if (e.type === 'undo') undone.add(e.target);
      } catch {
        // torn tail: the one rating being written may be lost
      }
    }
  }
  for (const r of reviews) if (!undone.has(r.id)) counts.set(r.card, (counts.get(r.card) ?? 0) + 1);
  return counts;
}

/** Runs one session answering as fast as cards come, and kills it after `killAfterMs` from the first card. */
function killedSession(env: Record<string, string>, killAfterMs: number): Promise<string[]> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'study', '--plain', '--deck', 'crash', '--new', '1000'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    const acknowledged: string[] = [];
    let pending: string | undefined;
    let buffer = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        const m = /^\[\d+\/\d+\] (\S+) ·/.exec(line);
        if (!m) continue;
        if (pending) acknowledged.push(pending);
        pending = m[1];
        timer ??= setTimeout(() => child.kill('SIGKILL'), killAfterMs);
        // Mostly Again, so that cards keep coming back and every session is still running when killed.
        child.stdin.write(acknowledged.length % 5 === 4 ? '3\n' : '1\n');
      }
    });
    child.stdin.on('error', () => {});
    child.on('close', () => {
      clearTimeout(timer);
      resolve(acknowledged);
    });
  });
}

describe('crash safety', () => {
  it(`keeps every acknowledged rating across ${KILLS} kill -9s`, async () => {
    const env = isolatedEnv({ CRSS_DEVICE: 'crash-device', TZ: middayZone() });
    const decks = tempDir();
    mkdirSync(decks, { recursive: true });
    writeCrashDeck(decks);
    env.CRSS_DECKS = decks;
    env.CRSS_DATA_DIR = join(env.HOME!, 'crss-data');
    const random = seededRandom(2026);
    const expected = new Map<string, number>();
    let total = 0;
    for (let i = 0; i < KILLS; i++) {
      const acknowledged = await killedSession(env, Math.floor(random() * 150));
      for (const card of acknowledged) expected.set(card, (expected.get(card) ?? 0) + 1);
      total += acknowledged.length;
      const loaded = runCrss(['stats', '--json'], { env });
      expect(loaded.status, loaded.stderr).toBe(0);
      const found = reviewsPerCard(env.CRSS_DATA_DIR);
      for (const [card, n] of expected) expect(found.get(card) ?? 0, `kill ${i}: ${card}`).toBeGreaterThanOrEqual(n);
      expect(JSON.parse(loaded.stdout).reviews).toBeGreaterThanOrEqual(total);
    }
    expect(total).toBeGreaterThan(KILLS);
  }, 600_000);
});
