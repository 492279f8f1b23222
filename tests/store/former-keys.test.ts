/** The store shows renamed cards under their current keys, from logs and from a snapshot alike, and changes neither. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FormerKeyRecords, type FormerKeys } from '../../src/core/former-keys.js';
import { briefOf } from '../../src/core/history.js';
import { keysOf } from '../../src/deck/model.js';
import { openStore } from '../../src/store/store.js';
import { review, tempDir, writeEvents } from './store-fixtures.js';

const NEW = 'd/stage-not-yet';
const OLD = 'd/contemplation-stage';
const OTHER = 'd/other';
const FORMER: FormerKeys = { currentOf: new Map([[OLD, NEW]]), formerOf: new Map([[NEW, [OLD]]]) };

function read(dataDir: string, formerKeys?: FormerKeys) {
  return openStore({ dataDir, device: 'dev-a', mode: 'read', now: () => new Date(Date.UTC(2026, 2, 2)), warn: () => {}, ...(formerKeys ? { formerKeys } : {}) });
}

const plain = (columns: object) => Object.fromEntries(Object.entries(columns).map(([k, v]) => [k, [...(v as Float64Array)]]));

describe('a store given former keys', () => {
  it('merges a renamed card from a snapshot as from the logs, without changing the snapshot or the logs', () => {
    const data = tempDir();
    // The new key's record first, so that a selection [NEW, OTHER] is a run of the snapshot's rows (its fast path).
    writeEvents(data, 'dev-a', [review('dev-a', NEW, 30), review('dev-a', OTHER, 31), review('dev-a', OLD, 1), review('dev-a', OLD, 40)]);
    const logs = join(data, 'logs');
    const logBytes = readdirSync(logs).map((f) => readFileSync(join(logs, f)));
    const snapshot = join(data, 'snapshots/dev-a.snapshot');
    expect(existsSync(snapshot)).toBe(true);
    const snapshotBytes = readFileSync(snapshot);

    const keys = [NEW, OTHER];
    const joined = { text: keys.join(''), ends: new Uint32Array([NEW.length, NEW.length + OTHER.length]) };
    const raw = read(data);
    const rawNew = briefOf(raw.state.cards.get(NEW)!);
    const rawColumns = plain(raw.state.cards.briefsOf(keysOf(joined), joined));
    // Over the snapshot's records: the merged brief is given, and the snapshot's own columns stay as they were.
    expect(plain(new FormerKeyRecords(raw.state.cards, FORMER).briefsOf(keysOf(joined), joined)).due![0]).not.toBe(rawColumns.due![0]);
    expect(plain(raw.state.cards.briefsOf(keysOf(joined), joined))).toEqual(rawColumns);
    raw.close();

    const store = read(data, FORMER);
    const merged = store.state.cards.get(NEW)!;
    expect(merged.reviewIds).toHaveLength(3);
    // The latest review (under the old key, at minute 40) set the schedule.
    expect(merged.lastReviewTime).toBe(new Date(Date.UTC(2026, 2, 1, 9, 40)).toISOString());
    expect(store.state.cards.get(OLD)).toBeUndefined();
    const first = plain(store.state.cards.briefsOf(keysOf(joined), joined));
    expect(first.due![0]).toBe(briefOf(merged).due);
    expect(first.due![0]).not.toBe(rawNew.due);
    // Asked again: the same answer, so the snapshot's own columns were not written over.
    expect(plain(store.state.cards.briefsOf(keysOf(joined), joined))).toEqual(first);
    expect([...store.events()].filter((e) => e.card === NEW)).toHaveLength(3);
    store.close();

    const again = read(data);
    expect(briefOf(again.state.cards.get(NEW)!)).toEqual(rawNew);
    expect(again.state.cards.brief(NEW)).toEqual(rawNew);
    again.close();
    expect(readdirSync(logs).map((f) => readFileSync(join(logs, f)))).toEqual(logBytes);
    expect(readFileSync(snapshot).equals(snapshotBytes)).toBe(true);
  });
});
