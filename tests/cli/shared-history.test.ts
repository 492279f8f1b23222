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

