/** `crss optimize` on generated histories: adopts a better fit, refuses one that is not better. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CardSchedule, HistoryEvent, Rating } from '../../src/core/events.js';
import { seededRandom } from '../../src/core/random.js';
import { createScheduler } from '../../src/scheduler/fsrs.js';
import { encodeLine } from '../../src/store/event-log.js';
import { isolatedEnv, runCrss } from '../helpers/run-crss.js';

/**
 * A learner who forgets faster than FSRS's defaults expect: their true recall is the default
 * model's prediction squared. Reviews happen when FSRS schedules them; outcomes are drawn from the truth.
 */
function writeHistory(dataDir: string, cards: number, reviewsPerCard: number): number {
  const scheduler = createScheduler({ retention: 0.9, maxIntervalDays: 365, fuzz: false });
  const random = seededRandom(42);
  const lines = [encodeLine({ type: 'header', schema: 1, device: 'gen' })];
  let n = 0;
  for (let c = 0; c < cards; c++) {
    let schedule: CardSchedule | null = null;
    let now = new Date(Date.UTC(2025, 0, 1 + (c % 30), 9));
    for (let r = 0; r < reviewsPerCard; r++) {
      const predicted = schedule ? scheduler.retrievability(schedule, now) : 0;
      const rating: Rating = schedule === null ? 3 : random() < predicted ** 2 ? 3 : 1;
      const after = scheduler.rate(schedule, now, rating);
      const event: HistoryEvent = { type: 'review', id: `gen-${n++}`, time: now.toISOString(), session: 'gen', card: `gen/c${c}`, rating, durationMs: 1000, contentHash: 'h', before: schedule, after };
      lines.push(encodeLine(event));
      schedule = after;
      // Review on the due day (at least a day later, so every review carries a real interval).
      now = new Date(Math.max(new Date(after.due).getTime(), now.getTime() + 86_400_000));
    }
  }
  mkdirSync(join(dataDir, 'logs'), { recursive: true });
  writeFileSync(join(dataDir, 'logs', 'gen.jsonl'), lines.join(''));
  return n;
}

function setup() {
  const env = isolatedEnv({ CRSS_DEVICE: 'gen' });
  env.CRSS_DATA_DIR = join(env.HOME!, 'crss-data');
  return env;
}

describe('crss optimize', () => {
  it('says there is too little history and changes nothing', () => {
    const env = setup();
    writeHistory(env.CRSS_DATA_DIR!, 20, 5);
    const r = runCrss(['optimize'], { env });
    expect(r).toMatchObject({ status: 0, stdout: 'Not enough history to optimize: 100 reviews; at least 400 are needed for a fit better than the defaults. Nothing changed.\n' });
    expect(runCrss(['config', 'get', '--json'], { env }).status).toBe(0);
  });

  it('adopts fitted parameters that predict the history better, then refuses a fit that is no better', () => {
    const env = setup();
    expect(writeHistory(env.CRSS_DATA_DIR!, 150, 8)).toBe(1200);
    const first = runCrss(['optimize', '--json'], { env });
    expect(first.status, first.stderr).toBe(0);
    const adopted = JSON.parse(first.stdout);
    expect(adopted.adopted).toBe(true);
    expect(adopted.fittedLogLoss).toBeLessThan(adopted.currentLogLoss);
    const config = JSON.parse(readFileSync(join(env.CRSS_DATA_DIR!, 'config.json'), 'utf8'));
    expect(config['fsrs-weights']).toEqual(adopted.parameters);

    const second = JSON.parse(runCrss(['optimize', '--json'], { env }).stdout);
    expect(second.adopted).toBe(false);
    expect(second.fittedLogLoss).toBeGreaterThanOrEqual(second.currentLogLoss);
    expect(JSON.parse(readFileSync(join(env.CRSS_DATA_DIR!, 'config.json'), 'utf8'))['fsrs-weights']).toEqual(adopted.parameters);
  });
});
