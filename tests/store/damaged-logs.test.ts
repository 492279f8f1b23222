/** Torn and damaged log lines: cut or set aside in our own log, skipped in another machine's, never lost. */
import { appendFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeLine, readLog } from '../../src/store/event-log.js';
import { open, review, stamped, tempDir, tree, writeEvents } from './store-fixtures.js';

/** A data folder whose log for `device` holds three reviews; returns the folder, log path and events. */
function threeReviews(device = 'dev-a') {
  const data = tempDir();
  const events = [review(device, 'd/1'), review(device, 'd/2'), review(device, 'd/3')];
  if (device === 'dev-a') writeEvents(data, device, events);
  else {
    mkdirSync(join(data, 'logs'));
    writeFileSync(join(data, 'logs', `${device}.jsonl`), [encodeLine({ type: 'header', schema: 1, device }), ...events.map((e) => encodeLine(e))].join(''));
  }
  // Written through the store, the events carry their stamps; a foreign log is written as given.
  return { data, log: join(data, 'logs', `${device}.jsonl`), events: device === 'dev-a' ? stamped(events) : events };
}

/** Changes one character inside line `n` (1-based) so its checksum fails. */
function damageLine(log: string, n: number): Buffer {
  const lines = readFileSync(log, 'utf8').split('\n');
  lines[n - 1] = lines[n - 1]!.replace('"rating":3', '"rating":4');
  writeFileSync(log, lines.join('\n'));
  return readFileSync(log);
}

const TORN_TAILS = [
  ['a line without its newline', '{"crc":"1234abcd","e":{"type":"rev'],
  ['a whole line whose checksum fails', `${encodeLine(review('dev-a', 'd/9')).replace('"d/9"', '"d/8"')}`],
  ['zeros, as some file systems leave after a power cut', '\0\0\0\0\0\0\0\0'],
];

describe('a torn last line', () => {
  it.each(TORN_TAILS)('in our own log (%s) is cut after a backup, with a warning', (_, tail) => {
    const { data, log, events } = threeReviews();
    const good = readFileSync(log);
    appendFileSync(log, tail);
    const torn = readFileSync(log);

    // A reader ignores it and writes nothing (a session may be in the middle of an append).
    const before = tree(data);
    const reader = open(data, 'dev-a', 'read');
    expect([...reader.store.events()]).toEqual(events);
    expect(reader.warnings).toEqual([]);
    expect(tree(data)).toEqual(before);

    const { store, warnings } = open(data);
    expect(readFileSync(log)).toEqual(good);
    const [backup] = readdirSync(join(data, 'backups'));
    expect(backup).toMatch(/^\d{8}-\d{6}-torn-log$/);
    expect(readFileSync(join(data, 'backups', backup!, 'logs/dev-a.jsonl'))).toEqual(torn);
    expect(warnings).toEqual([
      `${log}: cut ${torn.length - good.length} bytes of an incomplete last line (a save interrupted by a crash); the file before the cut is in backup ${backup}`,
    ]);
    expect(store.state.reviewCount).toBe(3);
    const next = review('dev-a', 'd/4');
    store.append(next);
    store.close();
    expect([...open(data, 'dev-a', 'read').store.events()]).toEqual([...events, ...stamped([next], events.at(-1)!.hlc)]);
  });

  it.each(TORN_TAILS)('in another machine’s log (%s) is ignored without writing, and read once complete', (_, tail) => {
    const { data, log, events } = threeReviews('dev-b');
    const late = review('dev-b', 'd/5');
    appendFileSync(log, tail);
    const torn = readFileSync(log);
    const { store, warnings } = open(data);
    expect(store.state.reviewCount).toBe(3);
    store.close();
    expect(warnings).toEqual([]);
    expect(readFileSync(log)).toEqual(torn);
    // The sync finishes: the file now ends with whole lines. The snapshot stopped before the torn part.
    writeFileSync(log, Buffer.concat([readFileSync(log).subarray(0, torn.length - Buffer.byteLength(tail)), Buffer.from(encodeLine(late))]));
    expect([...open(data, 'dev-a', 'read').store.state.cards.keys()].sort()).toEqual(['d/1', 'd/2', 'd/3', 'd/5']);
    expect(open(data, 'dev-a', 'read').store.state.reviewCount).toBe(events.length + 1);
  });
});

describe('a damaged line in the middle', () => {
  it('of our own log: the file is kept aside unchanged and replaced by every intact line', () => {
    const { data, log, events } = threeReviews();
    const original = readFileSync(log, 'utf8').split('\n');
    const damaged = damageLine(log, 3); // the second review
    rmSync(join(data, 'snapshots'), { recursive: true }); // opening reads the whole log (see the next test)

    // Reading only: skipped with a warning naming the file and line, nothing written.
    const before = tree(data);
    const reader = open(data, 'dev-a', 'read');
    expect(reader.store.state.reviewCount).toBe(2);
    expect(reader.warnings).toEqual([`${log}: skipped 1 damaged line (line 3)`]);
    expect(tree(data)).toEqual(before);

    const { store, warnings } = open(data);
    const aside = readdirSync(join(data, 'logs')).find((f) => f.includes('.corrupt-'))!;
    expect(aside).toMatch(/^dev-a\.jsonl\.corrupt-\d{8}-\d{6}$/);
    expect(readFileSync(join(data, 'logs', aside))).toEqual(damaged);
    expect(readFileSync(log, 'utf8')).toBe([original[0], original[1], original[3], ''].join('\n'));
    expect(warnings).toEqual([`${log}: damaged line 3; the original is kept as ${join(data, 'logs', aside)} and the log now holds the 2 intact events`]);
    expect([...store.events()]).toEqual([events[0], events[2]]);
    store.close();
  });

  it('under a current snapshot is not read at open, but events() (a full read, as stats does) reports it', () => {
    const { data, log } = threeReviews();
    damageLine(log, 3);
    const { store, warnings } = open(data, 'dev-a', 'read');
    expect(store.state.reviewCount).toBe(3); // the snapshot holds what the line said when it was whole
    expect([...store.events()]).toHaveLength(2);
    expect(warnings).toEqual([`${log}: skipped 1 damaged line (line 3)`]);
  });

  it('of our own log, far from its end (beyond the tail check), is found when read and repaired the same way', () => {
    const data = tempDir();
    const events = Array.from({ length: 400 }, (_, i) => review('dev-a', `d/${i}`, i));
    mkdirSync(join(data, 'logs'));
    const log = join(data, 'logs/dev-a.jsonl');
    writeFileSync(log, [encodeLine({ type: 'header', schema: 1, device: 'dev-a' }), ...events.map((e) => encodeLine(e))].join(''));
    damageLine(log, 2);
    const { store, warnings } = open(data);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/damaged line 2; the original is kept as .*\.corrupt-\d{8}-\d{6} and the log now holds the 399 intact events$/);
    expect(store.state.reviewCount).toBe(399);
    store.close();
    expect(readLog(log).damaged).toEqual([]);
  });

  it('of another machine’s log: skipped with a warning naming file and line, file untouched', () => {
    const { data, log } = threeReviews('dev-b');
    const damaged = damageLine(log, 2);
    const { store, warnings } = open(data);
    expect(store.state.reviewCount).toBe(2);
    expect(warnings).toEqual([`${log}: skipped 1 damaged line (line 2)`]);
    store.close();
    expect(readFileSync(log)).toEqual(damaged);
    // The snapshot moved past it: the next open does not warn again.
    expect(open(data).warnings).toEqual([]);
  });

  it('gives real line numbers when reading resumes from a snapshot', () => {
    const { data, log } = threeReviews('dev-b');
    open(data).store.close(); // snapshot covers lines 1-4
    appendFileSync(log, [review('dev-b', 'd/6'), review('dev-b', 'd/7')].map((e) => encodeLine(e)).join(''));
    damageLine(log, 5);
    expect(open(data, 'dev-a', 'read').warnings).toEqual([`${log}: skipped 1 damaged line (line 5)`]);
  });

  it('that passes its checksum but holds no event this crss knows is skipped with a warning, never repaired', () => {
    const { data, log } = threeReviews();
    appendFileSync(log, encodeLine({ type: 'teleport', id: 'x', time: '2026-01-01T00:00:00.000Z', session: 's', card: 'd/1' } as never));
    appendFileSync(log, encodeLine(review('dev-a', 'd/4')));
    const bytes = readFileSync(log);
    const { store, warnings } = open(data);
    expect(warnings).toEqual([`${log}: skipped 1 unreadable event (line 5)`]);
    expect(store.state.reviewCount).toBe(4);
    store.close();
    expect(readFileSync(log).subarray(0, bytes.length)).toEqual(bytes);
  });

  it('everywhere (more damage than history) is refused, and the file left as it is', () => {
    const { data, log } = threeReviews();
    rmSync(join(data, 'snapshots'), { recursive: true });
    const garbage = readFileSync(log, 'utf8').replace(/"crc":"[0-9a-f]{8}"/g, '"crc":"00000000"');
    writeFileSync(log, garbage);
    expect(() => open(data)).toThrow(`${log}: 4 of 4 lines are damaged, so crss left it unchanged; restore a backup (crss backup list) or move the file away`);
    expect(readFileSync(log, 'utf8')).toBe(garbage);
    expect(readdirSync(join(data, 'logs'))).toEqual(['dev-a.jsonl']);
    expect(readdirSync(join(data, 'locks'))).toEqual([]);
  });
});

describe('line endings', () => {
  it('a log whose newlines a sync tool turned into CRLF still reads whole', () => {
    const { data, log, events } = threeReviews('dev-b');
    writeFileSync(log, readFileSync(log, 'utf8').replace(/\n/g, '\r\n'));
    const { store, warnings } = open(data, 'dev-a', 'read');
    expect([...store.events()]).toEqual(events);
    expect(warnings).toEqual([]);
  });
});
