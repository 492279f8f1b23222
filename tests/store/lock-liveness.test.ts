/**
 * Whether a lock's holder still runs (issue 11, item 10): its pid must exist on this host and be the
 * process that took the lock (started when the lock says), or for a lock of crss 0.1, a crss process.
 * pid 0, 1, -1 and huge pids are never a crss session. A lock from another host name says which host
 * and how to take it over.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CrssError } from '../../src/errors.js';
import { holderRuns, ownProcessStart, type LockInfo } from '../../src/store/lock.js';
import { open, review, tempDir, writeEvents } from './store-fixtures.js';

const children: ChildProcess[] = [];
afterAll(() => children.forEach((c) => c.kill()));

/** A process that runs until the tests end; `argv` shows in its command line. */
async function running(...argv: string[]): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-e', 'console.log("up"); setTimeout(() => {}, 60_000)', ...argv], { stdio: ['ignore', 'pipe', 'ignore'] });
  children.push(child);
  await new Promise((resolve) => child.stdout!.once('data', resolve));
  return child;
}

const holder = (pid: number, more: Partial<LockInfo> = {}): LockInfo => ({ pid, hostname: hostname(), started: '2026-03-01T08:00:00.000Z', ...more });

describe('holderRuns', () => {
  it('pid 0, 1, -1 and huge pids are never a crss session (kill() of them asks about groups, init or nothing)', () => {
    for (const pid of [0, 1, -1, 2 ** 31, 2 ** 40, 1.5]) expect(holderRuns(holder(pid)), String(pid)).toBe(false);
  });

  it('this very process, with its start time, runs; the same pid with another start time is a reused pid', () => {
    expect(holderRuns(holder(process.pid, { processStart: ownProcessStart() }))).toBe(true);
    expect(holderRuns(holder(process.pid, { processStart: ownProcessStart() - 60_000 }))).toBe(false);
    expect(holderRuns(holder(process.pid, { processStart: ownProcessStart() + 60_000 }))).toBe(false);
  });

  it('a lock of crss 0.1 (no start time) counts as held only by a process whose command line names crss', async () => {
    const crss = await running('/usr/lib/node_modules/crss/bin/crss.js', 'study');
    const other = await running('some-other-program');
    expect(holderRuns(holder(crss.pid!))).toBe(true);
    expect(holderRuns(holder(other.pid!))).toBe(false);
  });
});

describe('a lock from another host name', () => {
  it('says which host holds it and how to take it over', () => {
    const data = tempDir();
    writeEvents(data, 'dev-a', [review('dev-a', 'd/1')]);
    const lock = join(data, 'locks', 'dev-a.lock');
    mkdirSync(join(data, 'locks'), { recursive: true });
    writeFileSync(lock, JSON.stringify(holder(4242, { hostname: 'old-laptop' })));
    let error: unknown;
    try {
      open(data, 'dev-a');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CrssError);
    expect((error as CrssError).exitCode).toBe(75);
    expect((error as CrssError).message).toBe(
      `data folder ${data} is locked for this device by crss process 4242 on host 'old-laptop' (started 2026-03-01T08:00:00.000Z), which crss cannot check from '${hostname()}'; close that session, or if none runs there (a renamed machine, a container), remove ${lock} and try again`,
    );
  });

  it('a lock whose pid now belongs to a process started later is taken over', async () => {
    const data = tempDir();
    writeEvents(data, 'dev-a', [review('dev-a', 'd/1')]);
    const later = await running('crss');
    mkdirSync(join(data, 'locks'), { recursive: true });
    writeFileSync(join(data, 'locks', 'dev-a.lock'), JSON.stringify(holder(later.pid!, { processStart: Date.now() - 3_600_000 })));
    const { store } = open(data, 'dev-a');
    expect(store.state.reviewCount).toBe(1);
    store.close();
  });
});
