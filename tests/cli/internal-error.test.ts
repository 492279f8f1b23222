/** An internal error (a bug in crss) is reported with its stack in terms of src/, though the bundle is minified. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/run-crss.js';

describe('an internal error', () => {
  it('prints a stack whose positions are lines of src/, then the one-line request to report it', () => {
    // Loads the bundle as bin/crss.js does, and gives main an environment whose every read throws: the
    // error passes through the bundle's own frames (resolveEnvironment, main) on its way to report().
    const script = `
      const vm = require('node:vm');
      const file = ${JSON.stringify(join(ROOT, 'dist/crss.cjs'))};
      const mod = { exports: {} };
      vm.runInThisContext(require('node:fs').readFileSync(file, 'latin1'), { filename: file })(mod.exports, require, mod, file, require('node:path').dirname(file));
      const env = new Proxy({}, { get() { throw new TypeError('environment unreadable'); } });
      const out = { write: (s) => process.stdout.write(s) };
      mod.exports.main(['decks'], { stdin: { fd: 0, isTTY: false }, stdout: out, stderr: out, env, now: () => new Date(), version: '0' })
        .then((code) => { process.exitCode = code; });
    `;
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('TypeError: environment unreadable');
    expect(lines.at(-1)).toBe('crss: internal error: this is a bug in crss; please report it with the text above.');
    expect(r.stdout).not.toContain('crss.cjs:');
    // The frame in resolveEnvironment points at the line of src/env.ts that reads the environment.
    const frame = /src\/env\.ts:(\d+):\d+/.exec(r.stdout);
    expect(frame).not.toBeNull();
    const line = readFileSync(join(ROOT, 'src/env.ts'), 'utf8').split('\n')[Number(frame![1]) - 1]!;
    expect(line).toMatch(/env\.[A-Z_]+|env\[/);
    expect(r.stdout).toMatch(/src\/main\.ts:\d+:\d+/);
  });
});
