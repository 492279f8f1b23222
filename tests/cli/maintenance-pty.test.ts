/** prune asks in a real terminal before forgetting, and says nothing is forgotten until then. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, isolatedEnv, middayZone, runCrss } from '../helpers/run-crss.js';
import { runInPty } from '../helpers/pty.js';
import { openStore } from '../../src/store/store.js';

describe('crss prune in a terminal', () => {
  it('lists the cards, asks, and forgets nothing when told no', async () => {
    const env = isolatedEnv({ CRSS_DEVICE: 'pty-prune', TZ: middayZone() });
    env.CRSS_DATA_DIR = join(env.HOME!, 'crss-data');
    const store = openStore({ dataDir: env.CRSS_DATA_DIR, device: 'pty-prune', mode: 'write', now: () => new Date(), warn: () => {} });
    const time = new Date().toISOString();
    const after = { due: time, stability: 1, difficulty: 5, scheduledDays: 0, learningSteps: 0, reps: 1, lapses: 0, state: 'learning' as const, lastReview: time };
    store.append({ type: 'review', id: 'r1', time, session: 's', card: 'gone-deck/old-card', rating: 3, durationMs: 1, contentHash: 'h', before: null, after });
    store.close();
    const pty = runInPty([process.execPath, BIN, 'prune'], env);
    const asked = await pty.waitFor('Forget the history of 1 card?');
    expect(asked).toContain('History of 1 card in no loaded deck:');
    expect(asked).toContain('gone-deck/old-card');
    expect(asked).not.toMatch(/forgetting|forgot/i);
    pty.type('n\r');
    await pty.waitFor('Nothing forgotten.');
    expect(await pty.exited).toBe(0);
    expect(runCrss(['prune', '--dry-run'], { env }).stdout).toContain('  gone-deck/old-card\n');
  });
});
