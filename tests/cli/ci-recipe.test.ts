/**
 * The README's CI recipe for deck repositories: it takes crss from a git checkout at a pinned commit
 * (never a registry name), and its run steps, as written, validate a sample deck repository.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { isolatedEnv, ROOT, tempDir } from '../helpers/run-crss.js';

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}

function recipe(): Step[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const block = /```yaml\n(# \.github\/workflows\/decks\.yml[\s\S]*?)```/.exec(readme)![1]!;
  return (parse(block) as { jobs: { validate: { steps: Step[] } } }).jobs.validate.steps;
}

describe('the CI recipe for deck repositories', () => {
  const steps = recipe();
  const runs = steps.filter((s) => s.run !== undefined).map((s) => s.run!);

  it('takes crss from its git repository at a full commit id, never from the registry by name', () => {
    const crss = steps.find((s) => s.uses?.startsWith('actions/checkout@') && s.with?.repository !== undefined);
    expect(crss?.with).toMatchObject({ repository: expect.stringMatching(/\/crss$/), ref: expect.stringMatching(/^[0-9a-f]{40}$/), path: '.crss' });
    for (const run of runs) expect(run).not.toMatch(/\bnpx\b|npm (i|install|exec)\b|\bcrss@|yarn|pnpm/);
    expect(runs).toEqual(['cd .crss && npm ci', 'node .crss/bin/crss.js validate decks/ --format github --strict']);
  });

  it('its run steps validate a sample deck repository: clean passes, a broken deck fails on its line', () => {
    const repo = tempDir('crss-deck-repo-');
    mkdirSync(join(repo, 'decks'));
    copyFileSync(join(import.meta.dirname, '../fixtures/valid/two-kinds.yaml'), join(repo, 'decks/sample.yaml'));
    // What the checkout step does, at this repository's current commit in place of the README's zeros.
    const commit = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim();
    expect(spawnSync('git', ['clone', '--quiet', ROOT, join(repo, '.crss')]).status).toBe(0);
    expect(spawnSync('git', ['checkout', '--quiet', commit], { cwd: join(repo, '.crss') }).status).toBe(0);
    const network = Object.fromEntries(Object.entries(process.env).filter(([k]) => /^(NODE_EXTRA_CA_CERTS|https?_proxy|no_proxy)$/i.test(k))) as Record<string, string>;
    const env = { ...isolatedEnv(), ...network, npm_config_cache: process.env.npm_config_cache ?? join(homedir(), '.npm') };
    const run = (command: string) => spawnSync('sh', ['-c', command], { cwd: repo, env, encoding: 'utf8', timeout: 240_000 });

    const install = run(runs[0]!);
    expect(install.status, `${install.error}\n${install.stdout}\n${install.stderr}`).toBe(0);
    expect(run(runs[1]!)).toMatchObject({ status: 0, stdout: '', stderr: '1 file, 2 cards checked: no problems\n' });

    copyFileSync(join(import.meta.dirname, '../fixtures/rules/wrong-type.yaml'), join(repo, 'decks/broken.yaml'));
    const failed = run(runs[1]!);
    expect(failed.status).toBe(1);
    expect(failed.stdout).toContain("::error file=decks/broken.yaml,line=6,col=13,title=wrong-type::'answer' must be text");
  }, 300_000);
});
