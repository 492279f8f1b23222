/** One writer per device: live holders refused (exit 75), dead ones taken over at once, readers never blocked. */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CrssError, ExitCode } from '../../src/errors.js';
import { open, review, storeBundle, tempDir, writeEvents } from './store-fixtures.js';

const children: ReturnType<typeof spawn>[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill();
});

function lockFile(data: string, holder: { pid: number; hostname?: string; started?: string }): string {
  mkdirSync(join(data, 'locks'), { recursive: true });
  const path = join(data, 'locks/dev-a.lock');
  writeFileSync(path, JSON.stringify({ hostname: hostname(), started: '2026-03-01T08:00:00.000Z', ...holder }));
  return path;
}

function openError(data: string): CrssError {
  try {
    open(data).store.close();
  } catch (error) {
    if (error instanceof CrssError) return error;
    throw error;
  }
  throw new Error('opened');
}

/** The pid of a process that has exited. */
function deadPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
}

describe('the write lock', () => {
  it('held by a live process is refused with exit 75, naming the process; readers still work', () => {
    const data = tempDir();
    writeEvents(data, 'dev-a', [review('dev-a', 'd/1')]);
    // A live holder: its command line names crss, as a lock of crss 0.1 (no start time) requires.
    const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30_000)', 'crss']);
    children.push(sleeper);
    const lock = lockFile(data, { pid: sleeper.pid! });
    const held = readFileSync(lock);

    const error = openError(data);
    expect(error.exitCode).toBe(ExitCode.locked);
    expect(error.exitCode).toBe(75);
    expect(error.message).toBe(`data folder ${data} is in use by crss process ${sleeper.pid} (started 2026-03-01T08:00:00.000Z); close that session first`);
    expect(readFileSync(lock)).toEqual(held);

    const { store, warnings } = open(data, 'dev-a', 'read');
    expect(store.state.reviewCount).toBe(1);
    expect([...store.events()]).toHaveLength(1);
    store.close();
    expect(warnings).toEqual([]);
    expect(readFileSync(lock)).toEqual(held);
  });

  it('held on another machine is refused too (whether it runs cannot be checked from here)', () => {
    const data = tempDir();
    lockFile(data, { pid: deadPid(), hostname: 'other-host' });
    expect(openError(data).message).toMatch(/^data folder .* is locked for this device by crss process \d+ on host 'other-host' \(started .*\), which crss cannot check from .*; close that session, or if none runs there \(a renamed machine, a container\), remove .*dev-a\.lock and try again$/);
  });

  it('whose process is gone is taken over at once', () => {
    const data = tempDir();
    writeEvents(data, 'dev-a', [review('dev-a', 'd/1')]);
    const lock = lockFile(data, { pid: deadPid() });
    const started = Date.now();
    const { store } = open(data);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(JSON.parse(readFileSync(lock, 'utf8'))).toMatchObject({ pid: process.pid, hostname: hostname() });
    store.append(review('dev-a', 'd/2'));
    store.close();
    expect(existsSync(lock)).toBe(false);
    expect(readdirSync(join(data, 'locks'))).toEqual([]);
    expect(open(data, 'dev-a', 'read').store.state.reviewCount).toBe(2);
  });

  it('left empty by a crash while it was being written is taken over', () => {
    const data = tempDir();
    mkdirSync(join(data, 'locks'));
    writeFileSync(join(data, 'locks/dev-a.lock'), '');
    open(data).store.close();
  });

  it('is held while a session is open: a second writer is refused, a reader sees every saved event', () => {
    const data = tempDir();
    const writer = open(data).store;
    writer.append(review('dev-a', 'd/1'));
    const lock = JSON.parse(readFileSync(join(data, 'locks/dev-a.lock'), 'utf8'));
    expect(lock).toEqual({ pid: process.pid, hostname: hostname(), started: expect.any(String), processStart: expect.any(Number) });
    expect(openError(data).exitCode).toBe(75);
    const reader = open(data, 'dev-a', 'read').store;
    expect(reader.state.reviewCount).toBe(1);
    reader.close();
    writer.append(review('dev-a', 'd/2'));
    writer.close();
    expect(open(data, 'dev-a', 'read').store.state.reviewCount).toBe(2);
  });

  it('is per device: two devices may write the same folder at once', () => {
    const data = tempDir();
    const a = open(data, 'dev-a').store;
    const b = open(data, 'dev-b').store;
    a.append(review('dev-a', 'd/1'));
    b.append(review('dev-b', 'd/2'));
    a.close();
    b.close();
    expect(open(data, 'dev-c', 'read').store.state.reviewCount).toBe(2);
  });

  it('taken over by several processes at once goes to exactly one of them', async () => {
    const data = tempDir();
    writeEvents(data, 'dev-a', [review('dev-a', 'd/1')]);
    lockFile(data, { pid: deadPid() });
    const script = join(tempDir('crss-child-'), 'take-lock.cjs');
    writeFileSync(
      script,
      `const { openStore } = require(${JSON.stringify(storeBundle())});
try {
  const store = openStore({ dataDir: process.argv[2], device: 'dev-a', mode: 'write', now: () => new Date(), warn: () => {} });
  process.stdout.write('got');
  setTimeout(() => store.close(), 3000); // hold it while the others try
} catch (error) {
  process.stdout.write('refused ' + error.exitCode);
}
`,
    );
    const results = await Promise.all(
      Array.from({ length: 6 }, () => new Promise<string>((resolve) => {
        const child = spawn(process.execPath, [script, data]);
        let out = '';
        child.stdout.on('data', (d: Buffer) => (out += d.toString()));
        child.on('close', () => resolve(out));
      })),
    );
    expect(results.filter((r) => r === 'got')).toHaveLength(1);
    expect(results.filter((r) => r === 'refused 75')).toHaveLength(5);
    expect(readdirSync(join(data, 'locks'))).toEqual([]);
  });
});
