/**
 * Disks that refuse writes: a full disk (ulimit -f, and a real full tmpfs), a read-only folder (a tmpfs
 * remounted read-only), and the error mapping itself with fake errors. Each gives one clear line, keeps
 * every acknowledged event and never leaves a damaged file.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, ftruncateSync, mkdirSync, openSync, readdirSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CrssError } from '../../src/errors.js';
import { createBackup } from '../../src/store/backups.js';
import { readConfig, writeConfig } from '../../src/store/config-file.js';
import { LogWriter, readLog, type AppendIO } from '../../src/store/event-log.js';
import { fileError, systemFileError } from '../../src/store/file-errors.js';
import { canMount, mountTmpfs, open, remountReadOnly, review, storeBundle, tempDir, tree, umount, writeEvents } from './store-fixtures.js';

const NOT_SAVED = 'this change was not saved; everything saved before it is intact';

describe('error mapping (fake errors)', () => {
  it.each([
    ['ENOSPC', 'the disk is full'],
    ['EDQUOT', 'the disk is full (disk quota exceeded)'],
    ['EFBIG', 'the disk is full (file size limit reached)'],
    ['EROFS', 'the folder is read-only'],
    ['EACCES', 'the folder is read-only (permission denied)'],
    ['EIO', 'the disk reported an input/output error (check the disk; a backup is in backups/)'],
    ['ENOTDIR', 'part of that path is a file, not a folder (move the file away)'],
    ['ENOENT', 'it does not exist (was a drive unmounted, or the folder moved?)'],
  ])('%s becomes "%s"', (code, reason) => {
    const error = fileError(Object.assign(new Error('x'), { code }), '/data/config.json', 'write', 'nothing was changed');
    expect(error).toBeInstanceOf(CrssError);
    expect(error.message).toBe(`cannot write /data/config.json: ${reason}; nothing was changed`);
  });

  it('reading: permission denied is about the file, not a read-only folder', () => {
    expect(fileError(Object.assign(new Error('x'), { code: 'EACCES' }), '/data/logs/b.jsonl', 'read').message).toBe('cannot read /data/logs/b.jsonl: permission denied (check who owns it and its permissions)');
  });

  it('any file-system error that reaches the top becomes one line from its path and system call', () => {
    const eio = Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO', syscall: 'open', path: '/data/logs/a.jsonl' });
    expect(systemFileError(eio)?.message).toBe('cannot open /data/logs/a.jsonl: the disk reported an input/output error (check the disk; a backup is in backups/)');
    expect(systemFileError(Object.assign(new Error('x'), { code: 'EROFS', syscall: 'mkdir', path: '/data/logs' }))?.message).toBe('cannot create /data/logs: the folder is read-only');
    expect(systemFileError(Object.assign(new Error('x'), { code: 'EBADF', syscall: 'read', path: '/x' }))).toBeUndefined(); // a bug
    expect(systemFileError(new Error('plain'))).toBeUndefined();
  });

  it('leaves other errors as they are (a bug should show its stack)', () => {
    const original = Object.assign(new Error('boom'), { code: 'EBADF' });
    expect(fileError(original, '/x')).toBe(original);
  });
});

describe('an append that fails (fake file-system calls)', () => {
  function writerWith(io: Partial<AppendIO>) {
    const data = tempDir();
    mkdirSync(join(data, 'logs'));
    const path = join(data, 'logs/dev-a.jsonl');
    const calls: string[] = [];
    const real = new LogWriter(path, 'dev-a'); // header written for real
    const size = real.size;
    real.close();
    const writer = new LogWriter(path, 'dev-a', {
      writeSync: (fd, buf) => (io.writeSync ? io.writeSync(fd, buf) : writeSync(fd, buf)),
      fdatasyncSync: (fd) => {
        calls.push('sync');
        io.fdatasyncSync?.(fd);
      },
      ftruncateSync: (fd, length) => {
        calls.push(`truncate ${length}`);
        (io.ftruncateSync ?? ftruncateSync)(fd, length);
      },
    });
    return { path, writer, calls, size };
  }

  it('read-only (EROFS): a clear error, and the log stays as it was', () => {
    const { path, writer, size } = writerWith({ writeSync: () => { throw Object.assign(new Error('EROFS'), { code: 'EROFS' }); } });
    expect(() => writer.append(review('dev-a', 'd/1'))).toThrow(new CrssError(`cannot write ${path}: the folder is read-only; ${NOT_SAVED}`));
    expect(readFileSync(path).length).toBe(size);
  });

  it('a short write (disk full mid-line): the partial line is taken back', () => {
    // The disk takes 10 bytes of the line, then nothing (a full disk may not give an error code);
    // after that it has room again.
    let call = 0;
    const { path, writer, calls, size } = writerWith({
      writeSync: (fd, buf) => {
        call++;
        if (call === 1) return writeSync(fd, buf.subarray(0, 10));
        if (call === 2) return 0;
        return writeSync(fd, buf);
      },
    });
    expect(() => writer.append(review('dev-a', 'd/1'))).toThrow(new CrssError(`cannot write ${path}: the disk is full; ${NOT_SAVED}`));
    expect(calls).toEqual([`truncate ${size}`, 'sync']);
    expect(readFileSync(path).length).toBe(size);
    writer.append(review('dev-a', 'd/2'));
    writer.close();
    expect(readLog(path)).toMatchObject({ torn: false, damaged: [], events: [expect.objectContaining({ card: 'd/2' })] });
  });

  it('a failed sync (EIO) is not acknowledged', () => {
    const { path, writer, calls, size } = writerWith({ fdatasyncSync: () => { throw Object.assign(new Error('EIO'), { code: 'EIO' }); } });
    expect(() => writer.append(review('dev-a', 'd/1'))).toThrow(`cannot write ${path}: the disk reported an input/output error (check the disk; a backup is in backups/); ${NOT_SAVED}`);
    expect(calls[1]).toBe(`truncate ${size}`);
  });
});

/** A child process that appends until the store refuses, printing each acknowledged event id. */
function appendUntilFull(dataDir: string, shellPrefix = ''): { status: number | null; stdout: string; stderr: string } {
  const script = join(tempDir('crss-child-'), 'append-until-full.cjs');
  writeFileSync(
    script,
    `const { openStore } = require(${JSON.stringify(storeBundle())});
const { writeSync } = require('node:fs');
const store = openStore({ dataDir: process.argv[2], device: 'dev-a', mode: 'write', now: () => new Date(Date.UTC(2026, 2, 1)), warn: (m) => process.stderr.write('warn: ' + m + '\\n') });
for (let i = 0; i < 1e6; i++) {
  const time = new Date(Date.UTC(2026, 2, 1) + i * 1000).toISOString();
  const after = { due: time, stability: 1, difficulty: 5, scheduledDays: 0, learningSteps: 0, reps: 1, lapses: 0, state: 'learning', lastReview: time };
  const event = { type: 'review', id: 'dev-a-s-' + i, time, session: 's', card: 'd/' + (i % 50), rating: 3, durationMs: 1, contentHash: 'h', before: null, after };
  try {
    store.append(event);
  } catch (error) {
    process.stderr.write('crss: ' + error.message + '\\n');
    process.exit(error.exitCode ?? 3);
  }
  writeSync(1, event.id + '\\n');
}
`,
  );
  const r = spawnSync('sh', ['-c', `${shellPrefix} exec "${process.execPath}" "${script}" "${dataDir}"`], { encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function expectEveryAcknowledgedEvent(dataDir: string, stdout: string): void {
  const acknowledged = stdout.split('\n').filter(Boolean);
  expect(acknowledged.length).toBeGreaterThan(10);
  const log = join(dataDir, 'logs/dev-a.jsonl');
  const read = readLog(log);
  expect(read).toMatchObject({ torn: false, damaged: [], unknown: [] });
  expect(read.events.map((e) => e.id)).toEqual(acknowledged);
  // And the store opens (taking over the dead child's lock) with all of them.
  const { store } = open(dataDir, 'dev-a', 'read');
  expect(store.state.reviewCount).toBe(acknowledged.length);
}

describe('a full disk', () => {
  it('ulimit -f: the child exits with the clear message, and the log holds exactly the acknowledged events', () => {
    const data = tempDir();
    // The file-size limit sends SIGXFSZ, which would kill Node; ignored, the write fails with EFBIG.
    const r = appendUntilFull(data, "trap '' XFSZ; ulimit -f 64;");
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`crss: cannot write ${join(data, 'logs/dev-a.jsonl')}: the disk is full (file size limit reached); ${NOT_SAVED}\n`);
    expectEveryAcknowledgedEvent(data, r.stdout);
  });
});

// mount needs root in a privileged container. Where it is impossible, the fake-error tests above are
// the test of the read-only and disk-full paths; here (root, CAP_SYS_ADMIN) it works and these run.
const mountable = canMount();
const mounts: string[] = [];
afterAll(() => mounts.forEach(umount));

describe.runIf(mountable)('real disks (tmpfs)', () => {
  it('full: appending stops with the clear message and every acknowledged event is kept', () => {
    const mount = mountTmpfs(64);
    mounts.push(mount);
    const data = join(mount, 'data');
    const r = appendUntilFull(data);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`crss: cannot write ${join(data, 'logs/dev-a.jsonl')}: the disk is full; ${NOT_SAVED}\n`);
    expectEveryAcknowledgedEvent(data, r.stdout);
  });

  it('full: an atomic write keeps the old file and leaves no temp file', () => {
    const mount = mountTmpfs(64);
    mounts.push(mount);
    const data = join(mount, 'data');
    writeConfig(data, { retention: 0.9 });
    const before = readFileSync(join(data, 'config.json'));
    const filler = openSync(join(mount, 'filler'), 'w');
    try {
      for (;;) writeSync(filler, Buffer.alloc(4096));
    } catch {
      // full
    } finally {
      closeSync(filler);
    }
    expect(() => writeConfig(data, { retention: 0.85, note: 'x'.repeat(20_000) })).toThrow(new CrssError(`cannot write ${join(data, 'config.json')}: the disk is full; nothing was changed`));
    expect(readFileSync(join(data, 'config.json'))).toEqual(before);
    expect(readdirSync(data)).toEqual(['config.json']);
    expect(readConfig(data)).toEqual({ retention: 0.9 });
  });

  it('read-only: writers get one clear line, nothing changes, readers work', () => {
    const mount = mountTmpfs(1024);
    mounts.push(mount);
    const data = join(mount, 'data');
    writeEvents(data, 'dev-a', [review('dev-a', 'd/1'), review('dev-a', 'd/2')]);
    writeConfig(data, { retention: 0.9 });
    remountReadOnly(mount);
    const before = tree(data);
    const ro = 'the folder is read-only; nothing was changed';
    expect(() => open(data)).toThrow(new CrssError(`cannot write ${join(data, 'locks/dev-a.lock')}: ${ro}`));
    expect(() => open(join(data, 'elsewhere'))).toThrow(new CrssError(`cannot create ${join(data, 'elsewhere')}: the folder is read-only`));
    expect(() => writeConfig(data, { retention: 0.8 })).toThrow(new CrssError(`cannot write ${join(data, 'config.json')}: ${ro}`));
    expect(() => createBackup(data, 'manual', new Date())).toThrow(new CrssError(`cannot create ${join(data, 'backups')}: the folder is read-only`));
    const { store, warnings } = open(data, 'dev-a', 'read');
    expect(store.state.reviewCount).toBe(2);
    expect(warnings).toEqual([]);
    expect(readConfig(data)).toEqual({ retention: 0.9 });
    expect(tree(data)).toEqual(before);
  });
});
