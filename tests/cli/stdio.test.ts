/**
 * Pipes, files and /dev/null are read and written through bare descriptors (src/terminal/stdio.ts):
 * what a script sees must be exactly what Node's streams gave, and no read may outlive the session.
 */
import { spawn, spawnSync } from 'node:child_process';
import { openSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, isolatedEnv, runCrss, tempDir, middayZone } from '../helpers/run-crss.js';

const DECKS = join(import.meta.dirname, '../fixtures/valid');

function env() {
  const e = isolatedEnv({ CRSS_DECKS: DECKS, CRSS_DEVICE: 'stdio-test', TZ: middayZone() });
  e.CRSS_DATA_DIR = join(e.HOME!, 'crss-data');
  return e;
}

describe('standard streams that are not terminals', () => {
  it('ends a plain session on q while the writer keeps stdin open', async () => {
    const child = spawn(process.execPath, [BIN, 'study', '--plain', '--deck', 'study-sample'], { env: env(), stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.stdin.write('3\n');
    child.stdin.write('q\n'); // stdin is never closed
    const code = await exited;
    child.stdin.destroy();
    expect(code).toBe(0);
    expect(out).toContain('[2/4] study-sample/oars · new');
    expect(out).toContain('Cards reviewed: 1 (0% Again)');
  });

  it('ends a plain session on Ctrl-C (SIGINT) while it waits on a pipe that stays open: exit 130, ratings kept, lock released', async () => {
    const e = env();
    const child = spawn(process.execPath, [BIN, 'study', '--plain', '--deck', 'study-sample'], { env: e, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    let interrupted = false;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      // The second card is on screen, so the rating was saved and crss waits on the pipe: interrupt it,
      // once (a second Ctrl-C while crss exits may end it by the signal itself, as with any program).
      if (!interrupted && /\[2\/4\][^]*\(Enter: show answer/.test(out)) {
        interrupted = true;
        child.kill('SIGINT');
      }
    });
    child.stdin.write('3\n'); // stdin is never closed
    const code = await exited;
    child.stdin.destroy();
    expect(code).toBe(130);
    expect(err).toBe('');
    expect(readdirSync(join(e.CRSS_DATA_DIR!, 'locks'))).toEqual([]);
    expect(runCrss(['stats', '--json'], { env: e }).stdout).toContain('"reviews": 1');
  });

  it.each([
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)('ends a plain session on %s while it waits on an open pipe: the summary, exit %i, lock released', async (signal, code) => {
    const e = env();
    const child = spawn(process.execPath, [BIN, 'study', '--plain', '--deck', 'study-sample'], { env: e, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    let sent = false;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (!sent && /\[2\/4\][^]*\(Enter: show answer/.test(out)) {
        sent = true;
        child.kill(signal);
      }
    });
    child.stdin.write('3\n'); // stdin is never closed
    const status = await exited;
    child.stdin.destroy();
    expect(status).toBe(code);
    expect(out).toContain('Session over.\nCards reviewed: 1 (0% Again)');
    expect(readdirSync(join(e.CRSS_DATA_DIR!, 'locks'))).toEqual([]);
  });

  it('reads a file as stdin and writes a file as stdout', () => {
    const dir = tempDir();
    const input = join(dir, 'in.txt');
    spawnSync('sh', ['-c', `printf '\\n3\\n' > ${input}`]);
    const outFile = join(dir, 'out.txt');
    const r = spawnSync(process.execPath, [BIN, 'study', '--plain', '--deck', 'study-sample'], {
      env: env(),
      stdio: [openSync(input, 'r'), openSync(outFile, 'w'), 'pipe'],
    });
    expect(r.status).toBe(0);
    const out = spawnSync('cat', [outFile], { encoding: 'utf8' }).stdout;
    expect(out.split('\n')[0]).toBe('[1/3] study-sample/relationship-first · new');
    expect(out).toContain('A: The relationship.');
    expect(out).toContain('Cards reviewed: 1 (0% Again)');
  });

  it('prints the first card with stdin from /dev/null', () => {
    const r = spawnSync(process.execPath, [BIN, 'study', '--plain', '--deck', 'study-sample'], {
      env: env(),
      stdio: [openSync('/dev/null', 'r'), 'pipe', 'pipe'],
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('[1/3] study-sample/relationship-first · new');
  });

  it('stops quietly when the reader of stdout goes away', () => {
    // `true` exits at once, long before crss has started, so crss's first write meets a closed pipe.
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" topics | true; echo "status \${PIPESTATUS[0]}"`], { env: env(), encoding: 'utf8' });
    expect(r.stdout).toBe('status 0\n');
    expect(r.stderr).toBe('');
  });
});
