/**
 * File-system errors on the paths real data folders meet (issue 11, item 8), through the real
 * binary: each is one line naming the path and what to do, exit 1, never a stack trace; one
 * unreadable log of another machine is a warning. Permission cases run as another user when the
 * tests run as root (root ignores permissions); full-disk cases need a tmpfs, which needs root.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, isolatedEnv, runCrss, tempDir, middayZone } from '../helpers/run-crss.js';
import { canMount, mountTmpfs, remountReadOnly, umount } from '../store/store-fixtures.js';

const DECKS = join(import.meta.dirname, '../fixtures/valid');
const mounts: string[] = [];
afterAll(() => mounts.forEach(umount));

function setup(dataDir?: string) {
  const env = isolatedEnv({ CRSS_DECKS: DECKS, TZ: middayZone() });
  env.CRSS_DATA_DIR = dataDir ?? join(env.HOME!, 'data');
  return env;
}

const study = (env: Record<string, string>) => runCrss(['study', '--plain', '--deck', 'study-sample'], { env, input: '3\n' });

/** Exit 1 and exactly one line on stderr, no stack. */
function oneLine(r: { status: number | null; stderr: string }, line: string) {
  expect(r.stderr).toBe(`crss: ${line}\n`);
  expect(r.status).toBe(1);
}

describe('the data folder or logs/ is a file (ENOTDIR)', () => {
  it('names the path and says to move the file away, for readers and writers', () => {
    const env = setup();
    writeFileSync(env.CRSS_DATA_DIR!, 'a file');
    for (const r of [study(env), runCrss(['stats'], { env })]) oneLine(r, `cannot read ${env.CRSS_DATA_DIR}/config.json: part of that path is a file, not a folder (move the file away)`);
    const other = setup();
    mkdirSync(other.CRSS_DATA_DIR!);
    writeFileSync(join(other.CRSS_DATA_DIR!, 'logs'), 'a file');
    for (const r of [study(other), runCrss(['stats'], { env: other })]) oneLine(r, `cannot list ${other.CRSS_DATA_DIR}/logs: part of that path is a file, not a folder (move the file away)`);
  });
});

describe('the data folder is a link to nothing (an unmounted drive)', () => {
  it('says so, and stats does not show an empty history as if it were real', () => {
    const env = setup();
    symlinkSync('/mnt/crss-drive-that-is-not-mounted', env.CRSS_DATA_DIR!);
    const line = `data folder ${env.CRSS_DATA_DIR} is a link to /mnt/crss-drive-that-is-not-mounted, which does not exist (an unmounted drive?); mount it or fix the link, then try again`;
    oneLine(runCrss(['stats', '--json'], { env }), line);
    oneLine(study(env), line);
  });
});

describe('an unwritable state folder on the first run', () => {
  it('a file in the way: names the device-id file', () => {
    const env = setup();
    writeFileSync(join(env.HOME!, 'not-a-folder'), '');
    env.XDG_STATE_HOME = join(env.HOME!, 'not-a-folder/state');
    oneLine(study(env), `cannot read ${env.XDG_STATE_HOME}/crss/device: part of that path is a file, not a folder (move the file away)`);
  });

  it.runIf(canMount())('on a read-only disk (EROFS) too', () => {
    const disk = mountTmpfs(256);
    mounts.push(disk);
    remountReadOnly(disk);
    const env = setup();
    env.XDG_STATE_HOME = join(disk, 'data');
    oneLine(study(env), `cannot keep this machine's device id in ${disk}/data/crss/device: the folder is read-only; make that folder writable (or set XDG_STATE_HOME), or set CRSS_DEVICE`);
  });
});

describe('permission denied (EACCES)', () => {
  const root = process.getuid?.() === 0;
  /** Runs crss as user nobody when root, else as ourselves (then chmod is enough). */
  function runAsUser(args: string[], env: Record<string, string>, input = '') {
    const argv = root ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', 'env', ...Object.entries(env).map(([k, v]) => `${k}=${v}`), process.execPath, BIN, ...args] : [process.execPath, BIN, ...args];
    const r = spawnSync(argv[0]!, argv.slice(1), { env: root ? {} : env, input, encoding: 'utf8', timeout: 30_000 });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  }
  function sharedSetup() {
    const home = tempDir();
    chmodSync(home, 0o777);
    const env = setup(join(home, 'data'));
    for (const dir of ['HOME', 'XDG_DATA_HOME', 'XDG_CACHE_HOME', 'XDG_STATE_HOME'] as const) {
      mkdirSync(env[dir]!, { recursive: true });
      chmodSync(env[dir]!, 0o777);
    }
    chmodSync(env.HOME!, 0o777);
    expect(runAsUser(['study', '--plain', '--deck', 'study-sample'], env, '3\n').status).toBe(0);
    return env;
  }

  it('this machine’s log: one line naming it', () => {
    const env = sharedSetup();
    const [own] = readdirSync(join(env.CRSS_DATA_DIR!, 'logs'));
    const path = join(env.CRSS_DATA_DIR!, 'logs', own!);
    chmodSync(path, 0o000);
    const r = runAsUser(['study', '--plain', '--deck', 'study-sample'], env, '3\n');
    expect(r.stderr).toBe(`crss: cannot open ${path}: permission denied (check who owns it and its permissions)\n`);
    expect(r.status).toBe(1);
  });

  it('another machine’s log: a warning, and every command goes on', () => {
    const env = sharedSetup();
    const other = join(env.CRSS_DATA_DIR!, 'logs', 'other-machine.jsonl');
    writeFileSync(other, '{"crc":"a1b0be95","e":{"type":"header","schema":1,"device":"crash-device"}}\n');
    chmodSync(other, 0o000);
    const warning = `crss: cannot read ${other}: permission denied (check who owns it and its permissions); that machine's history in it is left out until it can be read\n`;
    const stats = runAsUser(['stats', '--json'], env);
    expect(stats.stderr).toBe(warning);
    expect(stats.status).toBe(0);
    expect(JSON.parse(stats.stdout).reviews).toBe(1);
    const again = runAsUser(['study', '--plain', '--deck', 'study-sample'], env, '3\n');
    expect(again.stderr).toContain(warning);
    expect(again.status).toBe(0);
  });
});

describe.runIf(canMount())('a full disk when taking the lock (ENOSPC)', () => {
  it('one line naming the lock, and no empty lock left behind', () => {
    const disk = mountTmpfs(512);
    mounts.push(disk);
    const env = setup(join(disk, 'data'));
    expect(study(env).status).toBe(0);
    expect(study(env).status).toBe(0); // the daily backup is made: nothing else to write before the lock
    // Fill the disk: files can still be created (inodes), not written.
    spawnSync('dd', ['if=/dev/zero', `of=${join(disk, 'fill')}`, 'bs=4k']);
    const [device] = readdirSync(join(env.CRSS_DATA_DIR!, 'logs')).map((n) => n.replace(/\.jsonl$/, ''));
    const lock = join(env.CRSS_DATA_DIR!, 'locks', `${device}.lock`);
    oneLine(study(env), `cannot write ${lock}: the disk is full; nothing was changed`);
    expect(readdirSync(join(env.CRSS_DATA_DIR!, 'locks'))).toEqual([]);
    execFileSync('rm', [join(disk, 'fill')]);
    expect(study(env).status).toBe(0);
  });
});
