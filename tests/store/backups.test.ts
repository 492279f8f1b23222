/** Rolling backups: what they hold, which ones are kept, restoring one, and the daily backup. */
import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/errors.js';
import { createBackup, DAILY_DAYS, eventsLostByRestore, KEEP_RECENT, listBackups, restoreBackup } from '../../src/store/backups.js';
import { readConfig, writeConfig } from '../../src/store/config-file.js';
import { readLog } from '../../src/store/event-log.js';
import { open, review, tempDir, writeEvents } from './store-fixtures.js';

/** Local time, as backup ids are (what the learner reads in `crss backup list`). */
const local = (day: number, hour = 12, minute = 0) => new Date(2026, 2, day, hour, minute, 0);

describe('createBackup and listBackups', () => {
  it('copies logs/ and config.json into backups/<YYYYMMDD-HHMMSS>-<reason>/, listed newest first', () => {
    const data = tempDir();
    writeEvents(data, 'dev-a', [review('dev-a', 'd/1')]);
    writeEvents(data, 'dev-b', [review('dev-b', 'd/2')]);
    writeConfig(data, { retention: 0.85 });
    rmBackups(data); // the sessions' daily backup
    const first = createBackup(data, 'prune', local(3, 9, 5));
    const second = createBackup(data, 'prune', local(3, 9, 5)); // same second: a distinct id
    expect([first, second]).toEqual(['20260303-090500-prune', '20260303-090500-prune-2']);
    for (const name of ['dev-a.jsonl', 'dev-b.jsonl']) {
      expect(readFileSync(join(data, 'backups', first, 'logs', name))).toEqual(readFileSync(join(data, 'logs', name)));
    }
    expect(readFileSync(join(data, 'backups', first, 'config.json'))).toEqual(readFileSync(join(data, 'config.json')));
    expect(listBackups(data)).toEqual([
      { id: second, reason: 'prune', time: '2026-03-03 09:05:00', files: 2, events: 2, reviews: 2, quizAnswers: 0, latest: '2026-03-01T09:01:00.000Z' },
      { id: first, reason: 'prune', time: '2026-03-03 09:05:00', files: 2, events: 2, reviews: 2, quizAnswers: 0, latest: '2026-03-01T09:01:00.000Z' },
    ]);
    expect(readdirSync(join(data, 'backups')).some((n) => n.endsWith('.partial'))).toBe(false);
  });

  it(`keeps the newest ${KEEP_RECENT} plus the first of each of the last ${DAILY_DAYS} days`, () => {
    const data = tempDir();
    writeEvents(data, 'dev-a', [review('dev-a', 'd/1')]);
    rmBackups(data);
    // Three a day for 12 days (March 1-12), then 8 more on March 12.
    for (let day = 1; day <= 12; day++) for (const hour of [8, 12, 18]) createBackup(data, 'manual', local(day, hour));
    for (let i = 0; i < 8; i++) createBackup(data, 'import', local(12, 20, i));
    const ids = listBackups(data).map((b) => b.id);
    const newest = [...Array.from({ length: 8 }, (_, i) => `20260312-20${String(7 - i).padStart(2, '0')}00-import`), '20260312-180000-manual', '20260312-120000-manual'];
    const daily = ['20260312-080000-manual', '20260311-080000-manual', '20260310-080000-manual', '20260309-080000-manual', '20260308-080000-manual', '20260307-080000-manual', '20260306-080000-manual'];
    expect(ids).toEqual([...newest, ...daily]);
  });

  it('refuses a reason that is not a plain word (it becomes a folder name)', () => {
    expect(() => createBackup(tempDir(), '../x', local(1))).toThrow(/bad backup reason/);
  });
});

/** Removes the backups the test's own sessions made, to start from none. */
function rmBackups(data: string) {
  rmSync(join(data, 'backups'), { recursive: true, force: true });
}

describe('restoreBackup', () => {
  it('backs up the present first, then puts this device’s log and the config back, and never rolls back another device’s log', () => {
    const data = tempDir();
    writeEvents(data, 'dev-a', [review('dev-a', 'd/1')]);
    writeEvents(data, 'dev-c', [review('dev-c', 'd/4')]);
    writeConfig(data, { retention: 0.85 });
    const id = createBackup(data, 'manual', local(5, 10));
    writeEvents(data, 'dev-a', [review('dev-a', 'd/2')]);
    writeEvents(data, 'dev-b', [review('dev-b', 'd/3')]); // a log that did not exist then
    writeEvents(data, 'dev-c', [review('dev-c', 'd/5')]); // newer than the backup
    writeConfig(data, { retention: 0.8 });
    const presentA = readFileSync(join(data, 'logs/dev-a.jsonl'));
    const presentB = readFileSync(join(data, 'logs/dev-b.jsonl'));
    const presentC = readFileSync(join(data, 'logs/dev-c.jsonl'));

    const summary = restoreBackup(data, id, local(5, 11), 'dev-a');

    expect(summary).toEqual({ before: '20260305-110000-before-restore', restored: ['dev-a.jsonl', 'config.json'], removed: [], kept: ['dev-b.jsonl', 'dev-c.jsonl'] });
    expect(readdirSync(join(data, 'logs'))).toEqual(['dev-a.jsonl', 'dev-b.jsonl', 'dev-c.jsonl']);
    expect(readFileSync(join(data, 'logs/dev-a.jsonl'))).toEqual(readFileSync(join(data, 'backups', id, 'logs/dev-a.jsonl')));
    expect(readFileSync(join(data, 'logs/dev-b.jsonl'))).toEqual(presentB);
    expect(readFileSync(join(data, 'logs/dev-c.jsonl'))).toEqual(presentC);
    expect(readConfig(data)).toEqual({ retention: 0.85 });
    expect(existsSync(join(data, 'snapshots/dev-a.snapshot'))).toBe(false); // rebuilt from the restored log at the next open
    const { store } = open(data, 'dev-a', 'read');
    expect([...store.state.cards.keys()].sort()).toEqual(['d/1', 'd/3', 'd/4', 'd/5']);

    const before = listBackups(data).find((b) => b.reason === 'before-restore')!;
    expect(before.id).toBe(summary.before);
    expect(readFileSync(join(data, 'backups', before.id, 'logs/dev-a.jsonl'))).toEqual(presentA);
    expect(readdirSync(join(data, 'backups', before.id, 'logs'))).toEqual(['dev-a.jsonl', 'dev-b.jsonl', 'dev-c.jsonl']);
    expect(JSON.parse(readFileSync(join(data, 'backups', before.id, 'config.json'), 'utf8'))).toEqual({ schema: 1, retention: 0.8 });
  });

  it('brings back another device’s log that is missing now, and removes this device’s log when the backup has none', () => {
    const data = tempDir();
    writeEvents(data, 'dev-b', [review('dev-b', 'd/3')]);
    const id = createBackup(data, 'manual', local(5, 10));
    rmSync(join(data, 'logs/dev-b.jsonl'));
    writeEvents(data, 'dev-a', [review('dev-a', 'd/1')]);
    expect(restoreBackup(data, id, local(5, 11), 'dev-a')).toMatchObject({ restored: ['dev-b.jsonl'], removed: ['dev-a.jsonl'], kept: [] });
    expect(readdirSync(join(data, 'logs'))).toEqual(['dev-b.jsonl']);
  });

  it('refuses an unknown id as a usage error', () => {
    const data = tempDir();
    for (const id of ['nope', '../logs', '20260101-000000-x']) {
      expect(() => restoreBackup(data, id, local(1), 'dev-a')).toThrow(expect.objectContaining({ message: `no backup '${id}' (crss backup list shows them)`, exitCode: ExitCode.usage }));
    }
  });
});

describe('eventsLostByRestore (the preview before a restore)', () => {
  const idsIn = (dir: string) => new Set(readdirSync(dir).filter((n) => n.endsWith('.jsonl')).flatMap((n) => readLog(join(dir, n)).events.map((e) => e.id)));

  it('counts the events of this device\'s log that no log holds after the restore, and nothing of other devices', () => {
    const data = tempDir();
    writeEvents(data, 'dev-a', [review('dev-a', 'd/1')]);
    writeEvents(data, 'dev-b', [review('dev-b', 'd/2')]);
    const id = createBackup(data, 'manual', local(5, 10));
    writeEvents(data, 'dev-a', [review('dev-a', 'd/3'), review('dev-a', 'd/4')]); // lost: only this log holds them
    writeEvents(data, 'dev-b', [review('dev-b', 'd/5')]); // another device's, kept as it is
    // A sync tool's copy of this device's log holds the first two events: it is kept too, so they are not lost.
    const copy = join(data, 'logs/dev-a.sync-conflict-20260305-103000-ABCDEF7.jsonl');
    const lines = readFileSync(join(data, 'logs/dev-a.jsonl'), 'utf8').split('\n');
    writeFileSync(copy, `${lines.slice(0, 3).join('\n')}\n`);
    const present = readLog(join(data, 'logs/dev-a.jsonl')).events;
    expect(present).toHaveLength(3);

    const lost = eventsLostByRestore(data, id, 'dev-a');
    expect(lost).toEqual({ events: 1, reviews: 1, quizAnswers: 0, latest: present[2]!.time });
    // What the restore then does agrees: exactly that one event is in no log.
    restoreBackup(data, id, local(5, 11), 'dev-a');
    const after = idsIn(join(data, 'logs'));
    expect(present.filter((e) => !after.has(e.id)).map((e) => e.id)).toEqual([present[2]!.id]);
  });

  it('counts an event of a copy in the backup as kept only when the restore brings that copy back', () => {
    const data = tempDir();
    writeEvents(data, 'dev-a', [review('dev-a', 'd/1'), review('dev-a', 'd/2')]);
    const own = join(data, 'logs/dev-a.jsonl');
    const copy = join(data, 'logs/dev-a (1).jsonl'); // a Google Drive copy
    const full = readFileSync(own, 'utf8');
    const second = readLog(own).events[1]!;
    // The backup holds d/2's review only in the copy; this device's log in it ends before.
    writeFileSync(copy, full);
    writeFileSync(own, `${full.split('\n').slice(0, 2).join('\n')}\n`);
    const id = createBackup(data, 'manual', local(5, 10));
    writeFileSync(own, full);
    rmSync(copy);
    expect(eventsLostByRestore(data, id, 'dev-a')).toEqual({ events: 0, reviews: 0, quizAnswers: 0 }); // the copy comes back
    // A copy of that name present now, without the review, is kept as it is: the review would be in no log.
    writeFileSync(copy, `${full.split('\n').slice(0, 2).join('\n')}\n`);
    expect(eventsLostByRestore(data, id, 'dev-a')).toEqual({ events: 1, reviews: 1, quizAnswers: 0, latest: second.time });
    restoreBackup(data, id, local(5, 11), 'dev-a');
    expect(idsIn(join(data, 'logs')).has(second.id)).toBe(false);
  });
});

describe('the daily backup', () => {
  it('is made at the first writable open of a day, once there is a log', () => {
    const data = tempDir();
    const s = open(data, 'dev-a', 'write', local(1, 9)).store;
    s.append(review('dev-a', 'd/1'));
    s.close();
    expect(listBackups(data)).toEqual([]); // there was nothing to back up
    open(data, 'dev-a', 'write', local(1, 10)).store.close();
    open(data, 'dev-a', 'write', local(1, 11)).store.close();
    open(data, 'dev-a', 'read', local(2, 8)).store.close(); // readers never write
    expect(listBackups(data).map((b) => b.id)).toEqual(['20260301-100000-daily']);
    open(data, 'dev-a', 'write', local(2, 8)).store.close();
    open(data, 'dev-a', 'write', local(2, 9)).store.close();
    expect(listBackups(data).map((b) => b.id)).toEqual(['20260302-080000-daily', '20260301-100000-daily']);
  });

  it('that cannot be made is reported, and the session goes on', () => {
    const data = tempDir();
    writeEvents(data, 'dev-a', [review('dev-a', 'd/1')]);
    rmBackups(data);
    writeFileSync(join(data, 'backups'), 'a file where the folder should be');
    const { store, warnings } = open(data, 'dev-a', 'write', local(9));
    store.append(review('dev-a', 'd/2'));
    store.close();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^daily backup failed: .*backups/);
    expect(open(data, 'dev-a', 'read').store.state.reviewCount).toBe(2);
  });
});
