/**
 * The README's first command on a fresh clone: it installs, bundles once, links a `crss` command and
 * shows the first card; afterwards the clone is exactly as committed (lockfile included) and npm
 * printed no warning. npm's global prefix is a temp folder, so nothing outside the test is touched.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isolatedEnv, ROOT, tempDir } from '../helpers/run-crss.js';

/** The first line of the README's first sh block. */
export function readmeFirstCommand(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  return /```sh\n(.+)\n/.exec(readme)![1]!;
}

describe('set-up from a fresh clone', () => {
  it('the README first command reaches the first card, leaves a crss command and a clean clone', () => {
    const command = readmeFirstCommand();
    expect(command).toBe('npm install && npm link --ignore-scripts && crss study');
    const clone = join(tempDir('crss-clone-'), 'crss');
    expect(spawnSync('git', ['clone', '--quiet', ROOT, clone]).status).toBe(0);
    const prefix = tempDir('crss-npm-prefix-');
    // How this machine reaches the registry (a CA, a proxy) is kept; npm's user config is not (HOME is new).
    const network = Object.fromEntries(Object.entries(process.env).filter(([k]) => /^(NODE_EXTRA_CA_CERTS|https?_proxy|no_proxy)$/i.test(k))) as Record<string, string>;
    const env = {
      ...isolatedEnv(),
      ...network,
      // npm's download cache is shared (it only saves network time); its global prefix is the test's own.
      npm_config_cache: process.env.npm_config_cache ?? join(homedir(), '.npm'),
      npm_config_prefix: prefix,
      PATH: `${join(prefix, 'bin')}:${process.env.PATH}`,
    };
    const r = spawnSync('sh', ['-c', command], { cwd: clone, env, input: '', encoding: 'utf8', timeout: 240_000 });
    expect(r.status, `${r.error}\n${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout).toMatch(/^\[1\/\d+\] [a-z0-9-]+\/[a-z0-9-]+ · new$/m);
    expect(`${r.stdout}\n${r.stderr}`).not.toMatch(/\bwarn|WARN/);
    // The prepare script bundled once; no type-check or second build ran.
    expect(r.stdout.match(/> crss@[\d.]+ (\w+)/g)).toEqual(['> crss@0.1.0 prepare']);
    expect(spawnSync('git', ['status', '--porcelain'], { cwd: clone, encoding: 'utf8' }).stdout).toBe('');
    // The linked command runs this clone from any folder.
    const elsewhere = spawnSync('crss', ['decks', '--json'], { cwd: tempDir(), env, encoding: 'utf8' });
    expect(elsewhere.status).toBe(0);
    expect(JSON.parse(elsewhere.stdout)[0].file.startsWith(join(clone, 'decks'))).toBe(true);
  }, 300_000);
});
