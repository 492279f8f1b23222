/** The store facade on real files: round trip, line format, snapshots, merging machines, newer schemas. */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { HistoryEvent } from '../../src/core/events.js';
import { reduceEvents, type HistoryState } from '../../src/core/history.js';
import { CrssError, ExitCode } from '../../src/errors.js';
import { encodeLine } from '../../src/store/event-log.js';
import { encodeSnapshot, readSnapshot } from '../../src/store/snapshot.js';
import { SNAPSHOT_EVERY } from '../../src/store/store.js';
import { open, review, stamped, tempDir, tree, writeEvents } from './store-fixtures.js';

const at = (m: number) => new Date(Date.UTC(2026, 2, 1, 9, m)).toISOString();

function mixedEvents(device: string): HistoryEvent[] {
  const r1 = review(device, 'deck/one', 1);
  const r2 = review(device, 'deck/two', 2);
  const base = (n: number) => ({ id: `${device}-x-${n}`, time: at(10 + n), session: 'x' });
  return [
    r1,
    r2,
    { type: 'quiz', ...base(1), card: 'deck/one', chosen: 'é ü "quoted" \\ \u2028', correct: false, durationMs: 5, quizMode: 'exam' },
    { type: 'cram', ...base(2), card: 'deck/two', rating: 2, durationMs: 5 },
    { type: 'undo', ...base(3), card: 'deck/two', target: r2.id, restore: null },
    { type: 'suspend', ...base(4), card: 'deck/three', reason: 'leech' },
    { type: 'bury', ...base(5), card: 'deck/one', until: at(600) },
  ];
}

/** A state as plain data: a snapshot's records and a Map of them compare alike. */
function plain(state: HistoryState) {
  return { reviewCount: state.reviewCount, undone: [...state.undone].sort(), cards: Object.fromEntries(state.cards) };
}

describe('round trip', () => {
  it('reads back every event and the same state, in a fresh process view', () => {
    const data = tempDir();
    const events = mixedEvents('dev-a');
    const { store } = open(data);
    for (const e of events) store.append(e);
    expect(plain(store.state)).toEqual(plain(reduceEvents(events)));
    store.close();

    const { store: reader, warnings } = open(data, 'dev-a', 'read');
    expect([...reader.events()]).toEqual(stamped(events));
    expect(plain(reader.state)).toEqual(plain(reduceEvents(events)));
    expect(reader.state.reviewCount).toBe(1);
    reader.close();
    expect(warnings).toEqual([]);
  });

  it('writes one CRC-checked line per event after a schema header', () => {
    const data = tempDir();
    const events = mixedEvents('dev-a');
    writeEvents(data, 'dev-a', events);
    const lines = readFileSync(join(data, 'logs/dev-a.jsonl'), 'utf8').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines[0]).toBe(`{"crc":"${crc32('{"type":"header","schema":1,"device":"dev-a"}').toString(16).padStart(8, '0')}","e":{"type":"header","schema":1,"device":"dev-a"}}`);
    lines.slice(1).forEach((line, i) => {
      const m = /^\{"crc":"([0-9a-f]{8})","e":(.*)\}$/s.exec(line)!;
      expect(m[1]).toBe(crc32(Buffer.from(m[2]!)).toString(16).padStart(8, '0'));
      expect(JSON.parse(m[2]!)).toEqual(stamped(events)[i]);
    });
  });

  it('creates the folder tree on the first writable open, and nothing on a read-only one', () => {
    const data = join(tempDir(), 'crss');
    open(data, 'dev-a', 'read').store.close();
    expect(existsSync(data)).toBe(false);
    open(data).store.close();
    expect(readdirSync(data).sort()).toEqual(['locks', 'logs', 'snapshots']);
    expect(readdirSync(join(data, 'logs'))).toEqual(['dev-a.jsonl']);
    expect(readdirSync(join(data, 'locks'))).toEqual([]);
  });

  it('refuses a device id that is not a safe file name', () => {
    const data = tempDir();
    for (const device of ['a/b', '', '..', 'a b']) {
      expect(() => open(data, device)).toThrow(expect.objectContaining({ name: 'CrssError', exitCode: ExitCode.usage }));
    }
    expect(readdirSync(data)).toEqual([]);
  });

  it('refuses append on a read-only open and after close', () => {
    const data = tempDir();
    const { store } = open(data, 'dev-a', 'read');
    expect(() => store.append(review('dev-a', 'd/x'))).toThrow(/read-only/);
    const writer = open(data).store;
    writer.close();
    expect(() => writer.append(review('dev-a', 'd/x'))).toThrow(/closed/);
  });
});

describe('append mode (a quiz)', () => {
  it('appends under the lock without loading the history, which loads when first read, appends included', () => {
    const data = tempDir();
    writeEvents(data, 'dev-a', [review('dev-a', 'd/1'), review('dev-a', 'd/2')]);
    const snapshotPath = join(data, 'snapshots/dev-a.snapshot');
    const before = readFileSync(snapshotPath);
    const { store } = open(data, 'dev-a', 'append');
    expect(() => open(data, 'dev-a', 'write')).toThrow(CrssError); // locked
    store.append(review('dev-a', 'd/3'));
    expect([...store.state.cards.keys()].sort()).toEqual(['d/1', 'd/2', 'd/3']);
    store.append(review('dev-a', 'd/4'));
    expect(store.state.cards.has('d/4')).toBe(true);
    store.close();
    // A quiz's few answers are not worth rewriting the snapshot for: the next open reads the new lines.
    expect(readFileSync(snapshotPath).equals(before)).toBe(true);
    const { store: reader } = open(data, 'dev-a', 'read');
    expect(reader.state.reviewCount).toBe(4);
    reader.close();
  });

  it('opened and closed without an answer (a quiz left at once), reads nothing and leaves the snapshot alone', () => {
    const data = tempDir();
    writeEvents(data, 'dev-a', [review('dev-a', 'd/1')]);
    const snapshotPath = join(data, 'snapshots/dev-a.snapshot');
    const before = readFileSync(snapshotPath);
    open(data, 'dev-a', 'append').store.close();
    expect(readFileSync(snapshotPath).equals(before)).toBe(true);
  });

  it('stamps an answer above every stamp of every log, another machine\'s ahead of this clock included', () => {
    const data = tempDir();
    // dev-b's review is stamped an hour after dev-a's clock (below): dev-b's clock ran ahead, or dev-a's behind.
    const ahead = review('dev-b', 'd/1', 60);
    writeEvents(data, 'dev-b', [ahead]);
    const quizAt = new Date(Date.parse(ahead.time) - 60 * 60_000).toISOString();
    const answer: HistoryEvent = { type: 'quiz', id: 'dev-a-q-1', time: quizAt, session: 'q', card: 'd/1', chosen: 'wrong', correct: false, durationMs: 5, quizMode: 'tutor' };
    const { store } = open(data, 'dev-a', 'append');
    store.append(answer);
    store.close();
    const { store: reader } = open(data, 'dev-a', 'read');
    const saved = [...reader.events()].find((e) => e.id === 'dev-a-q-1')!;
    expect(saved).toEqual({ ...answer, hlc: new Date(Date.parse(ahead.time) + 1).toISOString() });
    // Answered after the review was read: the card is missed, though its wall time is an hour before the review's.
    expect(reader.state.cards.get('d/1')).toMatchObject({ quizWrongAt: quizAt });
    reader.close();
  });
});

describe('snapshot', () => {
  it('is written at close and used at the next open, which then reads only the new bytes of each log', () => {
    const data = tempDir();
    writeEvents(data, 'dev-a', [review('dev-a', 'd/1'), review('dev-a', 'd/2')]);
    const snapshotPath = join(data, 'snapshots/dev-a.snapshot');
    const snap = readSnapshot(snapshotPath);
    expect(snap.kind).toBe('ok');
    if (snap.kind !== 'ok') return;
    expect(snap.snapshot.logs['dev-a.jsonl']).toMatchObject({ offset: readFileSync(join(data, 'logs/dev-a.jsonl')).length, lines: 3 });

    // Plant a marker only the snapshot holds: if the next open replayed the log, it would be gone.
    snap.snapshot.state.reviewCount = 1000;
    writeFileSync(snapshotPath, encodeSnapshot(snap.snapshot));
    // Another machine's log arrives; only it is new.
    mkdirSync(join(data, 'other'));
    writeEvents(join(data, 'other'), 'dev-b', [review('dev-b', 'd/3')]);
    copyFileSync(join(data, 'other/logs/dev-b.jsonl'), join(data, 'logs/dev-b.jsonl'));

    const { store } = open(data, 'dev-a', 'read');
    expect(store.state.reviewCount).toBe(1001);
    expect([...store.state.cards.keys()].sort()).toEqual(['d/1', 'd/2', 'd/3']);
    store.close();
  });

  it('is rebuilt from the logs when damaged', () => {
    const data = tempDir();
    writeEvents(data, 'dev-a', [review('dev-a', 'd/1'), review('dev-a', 'd/2'), review('dev-a', 'd/3')]);
    const snapshotPath = join(data, 'snapshots/dev-a.snapshot');
    const text = readFileSync(snapshotPath, 'utf8');
    writeFileSync(snapshotPath, text.replace('"reviewCount":3', '"reviewCount":9'));
    expect(open(data, 'dev-a', 'read').store.state.reviewCount).toBe(3);
    writeFileSync(snapshotPath, text.slice(0, text.length / 2));
    expect(open(data, 'dev-a', 'read').store.state.reviewCount).toBe(3);
    writeFileSync(snapshotPath, 'garbage');
    const { store } = open(data);
    expect(store.state.reviewCount).toBe(3);
    store.close();
    expect(readSnapshot(snapshotPath).kind).toBe('ok'); // a writer replaces it
  });

  it('is rebuilt when a log it covers was replaced, shortened or removed', () => {
    const data = tempDir();
    writeEvents(data, 'dev-a', [review('dev-a', 'd/1'), review('dev-a', 'd/2')]);
    const log = join(data, 'logs/dev-a.jsonl');
    const lines = readFileSync(log, 'utf8').split('\n');
    // Same length and same header, different last event: the fingerprint notices.
    writeFileSync(log, [lines[0], lines[1], encodeLine({ ...review('dev-a', 'd/9'), id: 'dev-a-s-x' }).trimEnd(), ''].join('\n'));
    expect([...open(data, 'dev-a', 'read').store.state.cards.keys()].sort()).toEqual(['d/1', 'd/9']);
    writeFileSync(log, `${lines[0]}\n`);
    expect(open(data, 'dev-a', 'read').store.state.cards.size).toBe(0);
  });

  it(`is written during a session once ${SNAPSHOT_EVERY} events lie past it`, () => {
    const data = tempDir();
    mkdirSync(join(data, 'logs'));
    // Another machine's long log, written directly (appending through the store syncs every line).
    const lines = [encodeLine({ type: 'header', schema: 1, device: 'dev-b' })];
    for (let i = 0; i < SNAPSHOT_EVERY; i++) lines.push(encodeLine(review('dev-b', `d/${i}`, i)));
    writeFileSync(join(data, 'logs/dev-b.jsonl'), lines.join(''));
    const { store } = open(data);
    // Written at open, before any append or close.
    const snap = readSnapshot(join(data, 'snapshots/dev-a.snapshot'));
    expect(snap.kind === 'ok' && snap.snapshot.state.reviewCount).toBe(SNAPSHOT_EVERY);
    store.close();
  });

  it('written by a newer crss is neither used nor replaced', () => {
    const data = tempDir();
    writeEvents(data, 'dev-a', [review('dev-a', 'd/1')]);
    const snapshotPath = join(data, 'snapshots/dev-a.snapshot');
    writeFileSync(snapshotPath, '{"schema":3,"crc":"00000000","body":{"future":true}}');
    const { store, warnings } = open(data);
    store.append(review('dev-a', 'd/2'));
    store.close();
    expect(store.state.reviewCount).toBe(2);
    expect(warnings).toEqual([`${snapshotPath}: written by a newer crss (schema 3); not using or replacing it (upgrade crss)`]);
    expect(readFileSync(snapshotPath, 'utf8')).toBe('{"schema":3,"crc":"00000000","body":{"future":true}}');
  });
});

describe('several machines', () => {
  it('merges the logs of two data folders into the union of their histories', () => {
    const laptop = tempDir();
    const desktop = tempDir();
    const a = [review('laptop', 'd/1', 1), review('laptop', 'd/2', 5)];
    const b = [review('desktop', 'd/2', 3), review('desktop', 'd/3', 4), review('desktop', 'd/1', 7)];
    writeEvents(laptop, 'laptop', a);
    writeEvents(desktop, 'desktop', b);
    const shared = tempDir();
    mkdirSync(join(shared, 'logs'));
    for (const [dir, device] of [[laptop, 'laptop'], [desktop, 'desktop']] as const) copyFileSync(join(dir, 'logs', `${device}.jsonl`), join(shared, 'logs', `${device}.jsonl`));
    const desktopBytes = readFileSync(join(shared, 'logs/desktop.jsonl'));

    const { store } = open(shared, 'laptop');
    expect(store.state).toEqual(reduceEvents([...a, ...b]));
    expect(store.state.reviewCount).toBe(5);
    expect(store.state.cards.get('d/1')!.schedule).toEqual((b[2] as { after: unknown }).after); // the latest review wins
    expect(store.state.cards.get('d/2')!.schedule).toEqual((a[1] as { after: unknown }).after);
    // Each machine writes only its own file.
    const more = review('laptop', 'd/4', 9);
    store.append(more);
    store.close();
    expect(readFileSync(join(shared, 'logs/desktop.jsonl'))).toEqual(desktopBytes);
    expect(readdirSync(join(shared, 'logs')).sort()).toEqual(['desktop.jsonl', 'laptop.jsonl']);
    const seen = open(shared, 'desktop', 'read').store;
    expect(seen.state).toEqual(reduceEvents([...a, ...b, more]));
    expect([...seen.events()]).toHaveLength(6);
  });

  it('ignores files in logs/ that are not device logs (kept damaged copies, sync temp files)', () => {
    const data = tempDir();
    writeEvents(data, 'dev-a', [review('dev-a', 'd/1')]);
    copyFileSync(join(data, 'logs/dev-a.jsonl'), join(data, 'logs/dev-a.jsonl.corrupt-20260101-000000'));
    copyFileSync(join(data, 'logs/dev-a.jsonl'), join(data, 'logs/.syncthing.dev-b.jsonl.tmp'));
    copyFileSync(join(data, 'logs/dev-a.jsonl'), join(data, 'logs/dev-b (conflicted copy).jsonl'));
    expect(open(data, 'dev-a', 'read').store.state.reviewCount).toBe(1);
  });
});

describe('a newer schema', () => {
  function newerLog(device: string): string {
    return [encodeLine({ type: 'header', schema: 2, device }), encodeLine(review(device, 'd/1'))].join('');
  }

  it.each([
    ['its own log', 'dev-a'],
    ['another machine’s log', 'dev-b'],
  ])('in %s is refused with a clear message, and nothing at all is written', (_, device) => {
    const data = tempDir();
    mkdirSync(join(data, 'logs'));
    const log = join(data, 'logs', `${device}.jsonl`);
    writeFileSync(log, newerLog(device));
    const before = tree(data);
    for (const mode of ['write', 'read'] as const) {
      let error: unknown;
      try {
        open(data, 'dev-a', mode);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(CrssError);
      expect((error as CrssError).message).toBe(`${log}: written by a newer crss (schema 2); upgrade crss`);
      expect((error as CrssError).exitCode).toBe(ExitCode.failure);
    }
    expect(tree(data)).toEqual(before);
  });
});
