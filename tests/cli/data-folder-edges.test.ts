/**
 * What real data folders meet (issue 11), through the real binary: a restore while another machine
 * studies, links planted inside the folder. Two machines are two processes with their own state
 * folders (so their own device ids) over one data folder.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, isolatedEnv, runCrss, tempDir, middayZone } from '../helpers/run-crss.js';

const DECKS = join(import.meta.dirname, '../fixtures/valid');

/** One machine: its own home and state folder (so its own device id), the shared data folder. */
function machine(dataDir: string) {
  const env = isolatedEnv({ CRSS_DECKS: DECKS, TZ: middayZone() });
  env.CRSS_DATA_DIR = dataDir;
  return env;
}

function deviceOf(env: Record<string, string>): string {
  return readFileSync(join(env.XDG_STATE_HOME!, 'crss/device'), 'utf8').trim();
}

/** Review events in a log, read as an outsider. */
function reviewsIn(path: string): number {
  if (!existsSync(path)) return 0;
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.includes('"type":"review"')).length;
}

/** A study session driven line by line: `next()` waits for the next card prompt. */
function session(env: Record<string, string>) {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [BIN, 'study', '--plain', '--new', '50'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let seen = 0;
  let buffer = '';
  const waiters: (() => void)[] = [];
  child.stdout.on('data', (d: Buffer) => {
    buffer += d.toString();
    seen = (buffer.match(/^\[\d+\/\d+\] /gm) ?? []).length;
    for (const w of waiters.splice(0)) w();
  });
  const cards = (n: number) =>
    new Promise<void>((resolve) => {
      const check = () => (seen >= n ? resolve() : waiters.push(check));
      check();
    });
  return {
    child,
    cards,
    /** Rates the card shown and waits for the next one: the rating is then acknowledged. */
    async rate() {
      const before = seen;
      child.stdin.write('1\n');
      await cards(before + 1);
    },
    async quit() {
      child.stdin.end('q\n');
      return new Promise<number | null>((resolve) => child.on('close', resolve));
    },
  };
}

describe('backup restore with another machine', () => {
  it('never removes or rolls back the log of a machine studying meanwhile, and says what it restored', async () => {
    const data = join(tempDir(), 'data');
    const b = machine(data);
    expect(runCrss(['study', '--plain', '--deck', 'study-sample'], { env: b, input: '3\n' }).status).toBe(0);
    expect(runCrss(['study', '--plain', '--deck', 'study-sample'], { env: b, input: 'q\n' }).status).toBe(0); // makes the daily backup
    const [backup] = JSON.parse(runCrss(['backup', 'list', '--json'], { env: b }).stdout) as { id: string }[];

    const a = machine(data);
    const study = session(a);
    await study.cards(1);
    await study.rate();
    await study.rate();
    const restore = runCrss(['backup', 'restore', '--yes', backup!.id], { env: b });
    expect(restore.status, restore.stderr).toBe(0);
    const own = `${deviceOf(b)}.jsonl`;
    const other = `${deviceOf(a)}.jsonl`;
    // a's ratings made since the backup are not in it: the preview says what it checked, this machine's log.
    expect(restore.stdout.split('\n').slice(2, 4)).toEqual(["Restoring it loses nothing: every event of this machine's log stays in a log,", "and other machines' logs are kept as they are."]);
    expect(restore.stdout.split('\n').slice(4).join('\n')).toBe(
      `Restored backup ${backup!.id}: logs/${own}.\n` +
        `Kept as they are (other machines' history, which may be newer than the backup): logs/${other}.\n` +
        `The state before the restore is in backup ${(JSON.parse(runCrss(['backup', 'list', '--json'], { env: b }).stdout) as { id: string; reason: string }[]).find((x) => x.reason === 'before-restore')!.id} (crss backup list).\n`,
    );
    await study.rate();
    await study.rate();
    expect(await study.quit()).toBe(0);
    expect(reviewsIn(join(data, 'logs', other))).toBe(4);
    expect(JSON.parse(runCrss(['stats', '--json'], { env: a }).stdout).reviews).toBe(5);
  }, 60_000);
});

describe('links inside the data folder', () => {
  function folderWithHistory() {
    const env = machine(join(tempDir(), 'data'));
    expect(runCrss(['study', '--plain', '--deck', 'study-sample'], { env, input: '3\n' }).status).toBe(0);
    return { env, data: env.CRSS_DATA_DIR!, own: join(env.CRSS_DATA_DIR!, 'logs', `${deviceOf(env)}.jsonl`) };
  }

  it('never writes through a link planted as this machine’s log, and names it', () => {
    const { env, own } = folderWithHistory();
    const outside = join(tempDir(), 'precious.txt');
    writeFileSync(outside, 'not crss data\n');
    rmSync(own);
    symlinkSync(outside, own);
    const r = runCrss(['study', '--plain', '--deck', 'study-sample'], { env, input: '3\n' });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`crss: ${own}: is a symbolic link, and crss never reads or writes its data through a link (replace the link with the file itself)\n`);
    expect(readFileSync(outside, 'utf8')).toBe('not crss data\n');
  });

  it('refuses a lock, a config or a snapshots folder that is a link, by name', () => {
    const { env, data } = folderWithHistory();
    const elsewhere = tempDir();
    const lock = join(data, 'locks', `${deviceOf(env)}.lock`);
    symlinkSync(join(elsewhere, 'x'), lock);
    const r = runCrss(['study', '--plain', '--deck', 'study-sample'], { env, input: '3\n' });
    expect(r.stderr).toBe(`crss: ${lock}: is a symbolic link, and crss never reads or writes its data through a link (replace the link with the file itself)\n`);
    expect(r.status).toBe(1);
    rmSync(lock);

    writeFileSync(join(elsewhere, 'config.json'), '{"schema":1}\n');
    rmSync(join(data, 'config.json'), { force: true });
    symlinkSync(join(elsewhere, 'config.json'), join(data, 'config.json'));
    const set = runCrss(['config', 'set', 'retention', '0.85'], { env });
    expect(set.stderr).toBe(`crss: ${join(data, 'config.json')}: is a symbolic link, and crss never reads or writes its data through a link (replace the link with the file itself)\n`);
    expect(readFileSync(join(elsewhere, 'config.json'), 'utf8')).toBe('{"schema":1}\n');
    rmSync(join(data, 'config.json'));

    rmSync(join(data, 'snapshots'), { recursive: true, force: true });
    symlinkSync(elsewhere, join(data, 'snapshots'));
    const study = runCrss(['study', '--plain', '--deck', 'study-sample'], { env, input: '3\n' });
    expect(study.stderr).toBe(`crss: ${join(data, 'snapshots')}: is a symbolic link, and crss never reads or writes its data through a link (replace the link with the file itself)\n`);
    expect(readdirSync(elsewhere)).toEqual(['config.json']); // nothing was written there
  });

  it('does not read another machine’s log that links outside the folder, nor copy it into a backup', () => {
    const { env, data } = folderWithHistory();
    const secret = join(tempDir(), 'secret.jsonl');
    writeFileSync(secret, 'a secret\n');
    symlinkSync(secret, join(data, 'logs', 'planted.jsonl'));
    const stats = runCrss(['stats', '--json'], { env });
    expect(stats.status).toBe(0);
    expect(stats.stderr).toBe(`crss: ${join(data, 'logs', 'planted.jsonl')}: skipped: it is a link to a file outside the data folder, which crss does not read; that machine's history in it is left out\n`);
    rmSync(join(data, 'backups'), { recursive: true, force: true });
    expect(runCrss(['study', '--plain', '--deck', 'study-sample'], { env, input: '3\n' }).status).toBe(0); // the daily backup
    const [backup] = readdirSync(join(data, 'backups'));
    expect(readdirSync(join(data, 'backups', backup!, 'logs'))).toEqual([`${deviceOf(env)}.jsonl`]);
  });

  it('reads another machine’s log through a link that stays inside the folder', () => {
    const { env, data } = folderWithHistory();
    const other = machine(join(tempDir(), 'data'));
    expect(runCrss(['study', '--plain', '--deck', 'study-sample'], { env: other, input: '3\n3\n' }).status).toBe(0);
    mkdirSync(join(data, 'moved'));
    writeFileSync(join(data, 'moved', 'other.jsonl'), readFileSync(join(other.CRSS_DATA_DIR!, 'logs', `${deviceOf(other)}.jsonl`)));
    symlinkSync(join(data, 'moved', 'other.jsonl'), join(data, 'logs', `${deviceOf(other)}.jsonl`));
    const stats = runCrss(['stats', '--json'], { env });
    expect(stats.stderr).toBe('');
    expect(JSON.parse(stats.stdout).reviews).toBe(3);
  });

  it('works through a data folder that is itself a link', () => {
    const real = join(tempDir(), 'real');
    mkdirSync(real);
    const link = join(tempDir(), 'link');
    symlinkSync(real, link);
    const env = machine(link);
    expect(runCrss(['study', '--plain', '--deck', 'study-sample'], { env, input: '3\n' }).status).toBe(0);
    expect(JSON.parse(runCrss(['stats', '--json'], { env }).stdout).reviews).toBe(1);
    expect(readdirSync(join(real, 'logs'))).toHaveLength(1);
  });
});
