/** The snapshot's layout: briefs from columns, records from lines, untouched lines copied, damage noticed. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HistoryEvent } from '../../src/core/events.js';
import { applyEvent, briefOf, reduceEvents, type BriefColumns, type HistoryState } from '../../src/core/history.js';
import { CrssError } from '../../src/errors.js';
import { encodeSnapshot, KeyTable, readSnapshot, SnapshotRecords, writeSnapshot } from '../../src/store/snapshot.js';
import { review, tempDir } from './store-fixtures.js';

const at = (m: number) => new Date(Date.UTC(2026, 2, 1, 9, m)).toISOString();

/** A history touching every field a brief reads: schedules of each state, suspensions, burials, wrong quiz answers, a forget. */
function history(): HistoryEvent[] {
  const base = (n: number) => ({ id: `dev-x-${n}`, time: at(100 + n), session: 'x' });
  const learning = review('dev', 'deck/learning', 1);
  (learning as { after: { state: string } }).after.state = 'learning';
  return [
    review('dev', 'deck/review', 2),
    learning,
    review('dev', 'deck/suspended', 3),
    review('dev', 'deck/forgotten', 4),
    { type: 'suspend', ...base(1), card: 'deck/suspended', reason: 'manual' },
    { type: 'bury', ...base(2), card: 'deck/review', until: at(900) },
    { type: 'quiz', ...base(3), card: 'deck/quizzed', chosen: 'é "x" \u2028', correct: false, durationMs: 5, quizMode: 'tutor' },
    { type: 'forget', ...base(4), card: 'deck/forgotten' },
  ];
}

function saved(state: HistoryState): { path: string; read: HistoryState } {
  const path = join(tempDir(), 'dev.snapshot');
  writeSnapshot(path, { state, logs: { 'dev.jsonl': { offset: 10, lines: 1, header: 'abc', tail: 'def' } } });
  const read = readSnapshot(path);
  if (read.kind !== 'ok') throw new Error(`snapshot not readable: ${read.kind}`);
  expect(read.snapshot.logs).toEqual({ 'dev.jsonl': { offset: 10, lines: 1, header: 'abc', tail: 'def' } });
  return { path, read: read.snapshot.state };
}

describe('snapshot', () => {
  it('gives each card the brief its record gives, without parsing the record', () => {
    const state = reduceEvents(history());
    const { read } = saved(state);
    expect(read.cards).toBeInstanceOf(SnapshotRecords);
    expect([...read.cards.keys()]).toEqual([...state.cards.keys()]);
    for (const key of state.cards.keys()) expect(read.cards.brief(key)).toEqual(briefOf(state.cards.get(key)!));
    for (const since of [0, Date.parse(at(0)), Date.parse(at(3)), Date.parse(at(5)), Infinity]) {
      expect(read.cards.countReviewedSince(since)).toEqual(state.cards.countReviewedSince(since));
    }
    expect(read.reviewCount).toBe(state.reviewCount);
    expect(read.undone).toEqual(state.undone);
    for (const [key, record] of state.cards) expect(read.cards.get(key)).toEqual(record);
  });

  it('finds records whatever order they are asked for in, and knows which keys it lacks', () => {
    const state = reduceEvents(history());
    const { read } = saved(state);
    const keys = [...state.cards.keys()];
    for (const key of [...keys].reverse()) expect(read.cards.brief(key)).toEqual(briefOf(state.cards.get(key)!));
    expect(read.cards.has('deck/missing')).toBe(false);
    expect(read.cards.brief('deck/missing')).toBeUndefined();
    expect(read.cards.get(keys[2]!)).toEqual(state.cards.get(keys[2]!));
    expect(read.cards.has(keys[0]!)).toBe(true);
  });

  it('takes events applied after opening, and saves them with the untouched lines copied byte for byte', () => {
    const { path, read } = saved(reduceEvents(history()));
    const before = readFileSync(path, 'latin1');
    applyEvent(read, { type: 'suspend', id: 'dev-y-1', time: at(1000), session: 'y', card: 'deck/review', reason: 'manual' });
    applyEvent(read, review('dev', 'deck/new-card', 1001));
    expect(read.cards.size).toBe(6);
    expect(read.cards.brief('deck/review')!.suspended).toBe(true);
    const again = saved(read).read;
    expect(again.cards.get('deck/review')!.suspended).toBe('manual');
    expect(again.cards.get('deck/new-card')!.schedule?.state).toBe('review');
    expect(again.cards.brief('deck/new-card')!.state).toBe('review');
    // The learning card's record (never parsed before saving) is still there as it was written.
    const line = JSON.stringify(again.cards.get('deck/learning'));
    expect(before).toContain(line);
  });

  it('copies only the lines of records it never parsed, byte for byte', () => {
    const { path, read } = saved(reduceEvents(history()));
    const records = read.cards as SnapshotRecords;
    const bytes = readFileSync(path);
    const keys = [...records.keys()];
    records.get(keys[1]!);
    const untouched = records.untouchedLines();
    expect([...untouched.keys()]).toEqual(keys.filter((k) => k !== keys[1]));
    for (const [key, line] of untouched) {
      expect(bytes.includes(line)).toBe(true);
      expect(line.toString().endsWith(`${JSON.stringify(records.get(key))}\n`)).toBe(true);
    }
  });

  it('is unusable when a byte of its head changed, or when it is the old one-document form', () => {
    const { path } = saved(reduceEvents(history()));
    const good = readFileSync(path);
    const headEnd = good.indexOf(10) + Number(/"head":(\d+)/.exec(good.toString('latin1', 0, 100))![1]);
    for (const offset of [good.indexOf(10) + 5, headEnd - 3]) {
      const bad = Buffer.from(good);
      bad[offset] = bad[offset]! ^ 0x20;
      writeFileSync(path, bad);
      expect(readSnapshot(path).kind).toBe('unusable');
    }
    writeFileSync(path, '{"schema":1,"crc":"00000000","body":{}}');
    expect(readSnapshot(path).kind).toBe('unusable');
    writeFileSync(path, encodeSnapshot({ state: reduceEvents([]), logs: {} }));
    expect(readSnapshot(path).kind).toBe('ok');
  });

  it('moves itself aside, with a clear error, when a record read later fails its checksum', () => {
    const state = reduceEvents(history());
    const { path } = saved(state);
    const bytes = readFileSync(path);
    const at = bytes.lastIndexOf('"lastEventTime"'); // in the last card's record line
    bytes[at + 3] = bytes[at + 3]! ^ 0x01;
    writeFileSync(path, bytes);
    const read = readSnapshot(path);
    if (read.kind !== 'ok') throw new Error('the head is intact, so it opens');
    const keys = [...state.cards.keys()];
    expect(read.snapshot.state.cards.get(keys[0]!)).toEqual(state.cards.get(keys[0]!));
    const last = keys.at(-1)!;
    let error: unknown;
    try {
      read.snapshot.state.cards.get(last);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CrssError);
    expect((error as Error).message).toBe(
      `${path}: the saved state of card ${last} is damaged; it was moved to ${path}.damaged. Run crss again: it rebuilds the state from your history, which is intact.`,
    );
    expect(existsSync(path)).toBe(false);
    expect(existsSync(`${path}.damaged`)).toBe(true);
  });
});

describe('briefsOf', () => {
  const joined = (keys: string[]) => {
    let end = 0;
    return { text: keys.join(''), ends: Uint32Array.from(keys, (k) => (end += k.length)) };
  };
  const plain = (c: BriefColumns) => Object.fromEntries(Object.entries(c).map(([f, v]) => [f, Array.from(v as Float64Array)]));

  it('answers a run of rows given as one string from the columns, and anything else key by key, alike', () => {
    const state = reduceEvents(history());
    const { read } = saved(state);
    const keys = [...state.cards.keys()];
    const asked = [keys, keys.slice(1, 4), [...keys].reverse(), ['deck/none', ...keys.slice(0, 2)], keys.slice(2)];
    for (const k of asked) {
      const expected = plain(state.cards.briefsOf(k));
      expect(plain(read.cards.briefsOf(k, joined(k)))).toEqual(expected);
      expect(plain(read.cards.briefsOf(k))).toEqual(expected);
    }
    // A run whose joined text differs from the keys asked about (a wrong split) is not taken for it.
    const wrong = { text: keys.slice(0, 2).join(''), ends: Uint32Array.from([1, keys[0]!.length + keys[1]!.length]) };
    expect(plain(read.cards.briefsOf(keys.slice(0, 2), wrong))).toEqual(plain(state.cards.briefsOf(keys.slice(0, 2))));
  });

  it('gives the current brief of a row changed since opening, in a run too', () => {
    const { read } = saved(reduceEvents(history()));
    const keys = [...read.cards.keys()];
    applyEvent(read, { type: 'suspend', id: 'dev-z-1', time: at(2000), session: 'z', card: keys[0]!, reason: 'manual' });
    expect(read.cards.briefsOf(keys, joined(keys)).suspended[0]).toBe(1);
  });
});

describe('KeyTable', () => {
  it('finds every key, ASCII or not, and no key it does not hold', () => {
    const keys = ['deck/a', 'deck/é', 'deck/Ã©', 'd/😀', 'd/x\ny', ...Array.from({ length: 300 }, (_, i) => `gen/card-${i}`)];
    const { bytes, ends, slots } = KeyTable.encode(keys);
    const table = new KeyTable(bytes, ends, slots);
    expect(table.size).toBe(keys.length);
    keys.forEach((key, row) => {
      expect(table.find(key)).toBe(row);
      expect(table.keyAt(row)).toBe(key);
      expect(table.matches(row, key)).toBe(true);
    });
    for (const absent of ['deck/e', 'deck/Ã', 'deck/éé', 'd/😁', 'gen/card-300', '', 'deck/a ']) expect(table.find(absent)).toBeUndefined();
    expect(table.matches(1, 'deck/Ã©')).toBe(false); // its UTF-16 units are the bytes of 'deck/é'
    expect(table.matches(2, 'deck/é')).toBe(false);
  });
});
