/** Input over a bare descriptor: whole lines, whole characters, then end of input. */
import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DescriptorIn } from '../../src/context.js';
import { lineInput, wholeCharacters } from '../../src/terminal/input.js';
import { tempDir } from '../helpers/run-crss.js';

describe('wholeCharacters', () => {
  const bytes = Buffer.from('aé€😀'); // 1 + 2 + 3 + 4 bytes
  it.each([
    [0, 0],
    [1, 1],
    [2, 1],
    [3, 3],
    [4, 3],
    [5, 3],
    [6, 6],
    [7, 6],
    [8, 6],
    [9, 6],
    [10, 10],
  ])('of the first %i bytes, %i end on a whole character', (length, whole) => {
    expect(wholeCharacters(bytes, length)).toBe(whole);
  });
});

describe('lineInput over a descriptor', () => {
  it('gives every line whole, across reads that split characters, then null', async () => {
    // Long enough for several 16 KiB reads; a four-byte character straddles each read's end somewhere.
    const lines = Array.from({ length: 3000 }, (_, i) => `${i} réponse 😀 ${'x'.repeat(i % 7)}`);
    const file = join(tempDir(), 'input.txt');
    writeFileSync(file, `${lines.join('\r\n')}\nlast line without newline`);
    const fd = openSync(file, 'r');
    const source: DescriptorIn = { fd, isTTY: false };
    const input = lineInput(source);
    expect(input.waits).toBe(false);
    const got: string[] = [];
    for (let line = await input.next(); line !== null; line = await input.next()) got.push(line);
    closeSync(fd);
    expect(got).toEqual([...lines, 'last line without newline']);
    expect(await input.next()).toBeNull();
  });

  it('reads nothing until asked, and an injected input comes first to whoever waits', async () => {
    const file = join(tempDir(), 'input.txt');
    writeFileSync(file, 'one\n');
    const fd = openSync(file, 'r');
    const input = lineInput({ fd, isTTY: false });
    input.inject('\u0003');
    const first = input.next();
    // Nothing read yet: the file's line is still there for the next reader.
    expect(readFileSync(`/proc/self/fdinfo/${fd}`, 'utf8')).toMatch(/^pos:\s+0$/m);
    expect(await first).toBe('\u0003');
    expect(await input.next()).toBe('one');
    expect(readFileSync(`/proc/self/fdinfo/${fd}`, 'utf8')).toMatch(/^pos:\s+4$/m);
    closeSync(fd);
  });
});
