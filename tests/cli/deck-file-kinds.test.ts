/**
 * Deck paths that are not regular files (issue 11, item 12): a FIFO would block a read forever and
 * /dev/zero never ends, so both are refused by name, before anything is read, in every command.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isolatedEnv, runCrss, tempDir } from '../helpers/run-crss.js';

function fifo(dir: string, name: string): string {
  const path = join(dir, name);
  execFileSync('mkfifo', [path]);
  return path;
}

describe('deck paths that are not regular files', () => {
  it('validate refuses a FIFO and a device by name, without waiting or reading', () => {
    const dir = tempDir();
    const pipe = fifo(dir, 'fifo.yaml');
    const result = runCrss(['validate', pipe, '/dev/zero']);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(`${pipe}:1:1: error: cannot read the file: it is a FIFO (named pipe) (a deck must be a regular .yaml file) [file-read]`);
    expect(result.stdout).toContain('/dev/zero:1:1: error: cannot read the file: it is a device (a deck must be a regular .yaml file) [file-read]');
  });

  it('--decks with a FIFO or /dev/zero skips them with a warning, and the other decks load', () => {
    const dir = tempDir();
    const pipe = fifo(dir, 'fifo.yaml');
    const result = runCrss(['--decks', pipe, '--decks', '/dev/zero', 'decks']);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain(`crss: skipping ${pipe}: 1 error, first at line 1: cannot read the file: it is a FIFO (named pipe)`);
    expect(result.stderr).toContain('crss: skipping /dev/zero: 1 error, first at line 1: cannot read the file: it is a device');
    expect(result.stdout).toContain('advocacy');
  });

  it('a FIFO inside a deck folder is passed over like any file that is not a deck', () => {
    const dir = tempDir();
    fifo(dir, 'pipe.yaml');
    writeFileSync(join(dir, 'real.yaml'), 'deck: real\ntitle: Real\ncards:\n  - id: a\n    front: F\n    back: B\n');
    const result = runCrss(['validate', dir]);
    expect(result.stdout).toContain('1 file, 1 card checked');
  });

  it('the size cap is checked before reading: an oversized deck is refused from its size', () => {
    const dir = tempDir();
    const big = join(dir, 'big.yaml');
    // Sparse: 9 MiB by size, never written, so only the size can have refused it.
    execFileSync('truncate', ['-s', '9M', big]);
    const result = runCrss(['validate', big], { env: isolatedEnv() });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(`${big}:1:1: error: file is 9.0 MiB; a deck may be at most 8 MiB (split it into several decks) [yaml-limits]`);
  });
});
