/**
 * Shell completion: the bash script sourced into a real bash, asked through its completion function
 * and by a Tab typed in an interactive bash in a pseudo-terminal; zsh and fish scripts cover every command.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInPty } from '../helpers/pty.js';
import { BIN, isolatedEnv, runCrss } from '../helpers/run-crss.js';

/** An environment whose PATH has a `crss` that runs this build, as `npm link` would give. */
function withCrssOnPath(): Record<string, string> {
  const env = isolatedEnv({ CRSS_DECKS: join(import.meta.dirname, '../fixtures/valid') });
  const bin = join(env.HOME!, 'bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'crss'), `#!/bin/sh\nexec '${process.execPath}' '${BIN}' "$@"\n`);
  chmodSync(join(bin, 'crss'), 0o755);
  return { ...env, PATH: `${bin}:${env.PATH}` };
}

/** What bash's completion function offers for the words typed so far (the last one being completed). */
function complete(env: Record<string, string>, words: string[]): string[] {
  const script = `source <(crss completion bash)
COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}
_crss; printf '%s\\n' "\${COMPREPLY[@]}"`;
  const r = spawnSync('bash', ['--norc', '--noprofile', '-c', script], { env, encoding: 'utf8' });
  expect(r.stderr).toBe('');
  return r.stdout.split('\n').filter(Boolean).sort();
}

describe('crss completion bash', () => {
  const env = withCrssOnPath();

  it('completes commands, subcommands and options', () => {
    expect(complete(env, ['crss', 'st'])).toEqual(['stats', 'study']);
    expect(complete(env, ['crss', 'config', ''])).toEqual(['get', 'set']);
    expect(complete(env, ['crss', 'study', '--ex'])).toEqual(['--exam-date']);
    expect(complete(env, ['crss', '--data-dir', '/tmp', 'quiz', '--mi'])).toEqual(['--missed']);
    expect(complete(env, ['crss', 'export', '--format', ''])).toEqual(['anki', 'csv', 'json']);
    expect(complete(env, ['crss', 'completion', ''])).toEqual(['bash', 'fish', 'zsh']);
  });

  it('completes topic, deck, card and setting names from the decks crss loads', () => {
    expect(complete(env, ['crss', 'study', '--topic', 'scen'])).toEqual(['scenario']);
    expect(complete(env, ['crss', 'quiz', '--deck', 'sam'])).toEqual(['sample']);
    expect(complete(env, ['crss', 'show', 'sample/'])).toEqual(['sample/first-step', 'sample/relationship-first']);
    expect(complete(env, ['crss', 'config', 'set', 'ex'])).toEqual(['exam-date']);
    expect(complete(env, ['crss', 'quiz', '--domain', 'ment'])).toEqual(['mentoring']);
  });

  it('answers a Tab typed in an interactive bash: crss st<Tab><Tab> lists stats and study', async () => {
    const pty = runInPty(['bash', '--norc', '--noprofile', '-i'], { ...env, PS1: 'READY$ ' });
    await pty.waitFor('READY$ ');
    pty.type('source <(crss completion bash); echo SOURCED\r');
    await pty.waitFor(/SOURCED[\s\S]*SOURCED[\s\S]*READY\$ /);
    pty.type('crss st\t\t');
    await pty.waitFor(/stats\s+study/);
    pty.type('\x15exit\r');
    expect(await pty.exited).toBe(0);
  });
});

describe('crss completion zsh and fish, in the real shells', () => {
  const env = withCrssOnPath();

  it('zsh: a Tab in an interactive zsh completes commands and the names crss lists', async () => {
    const pty = runInPty(['zsh', '-f', '-i'], env);
    pty.type("PS1='READY> '; source <(crss completion zsh); echo SOURCED\r");
    await pty.waitFor(/SOURCED[\s\S]*SOURCED[\s\S]*READY> /);
    pty.type('crss config set ex\t');
    await pty.waitFor('crss config set exam-date');
    pty.type('\x15crss st\t');
    await pty.waitFor(/stats\s+study/);
    pty.type('\x15exit\r');
    expect(await pty.exited).toBe(0);
  });

  it('fish: complete -C offers commands, topics and choices', () => {
    const ask = (line: string) => {
      const r = spawnSync('fish', ['--no-config', '-c', `crss completion fish | source; complete -C '${line}'`], { env, encoding: 'utf8' });
      expect(r.stderr).toBe('');
      return r.stdout.split('\n').filter(Boolean).map((l) => l.split('\t')[0]).sort();
    };
    expect(ask('crss st')).toEqual(['stats', 'study']);
    expect(ask('crss study --topic scen')).toEqual(['scenario']);
    expect(ask('crss config set ex')).toEqual(['exam-date']);
    expect(ask('crss export --format ')).toEqual(['anki', 'csv', 'json']);
  });
});

describe('crss completion zsh and fish', () => {
  it('name every command and option, and ask crss for the names that change', () => {
    const commands = [...runCrss(['--help']).stdout.replace(/^[\s\S]*?\nCommands:\n/, '').matchAll(/^ {2}([a-z-]+)/gm)].map((m) => m[1]!);
    expect(commands).toContain('search');
    const zsh = runCrss(['completion', 'zsh']);
    expect(zsh.status).toBe(0);
    expect(zsh.stdout).toContain('bashcompinit');
    for (const c of commands) expect(zsh.stdout).toContain(`"/${c}")`);
    const fish = runCrss(['completion', 'fish']);
    expect(fish.status).toBe(0);
    for (const c of commands) expect(fish.stdout).toMatch(new RegExp(`-n '__fish_use_subcommand' -a ${c} -d `));
    expect(fish.stdout).toContain("-l topic -r -f -a '(crss complete-names topics 2>/dev/null)'");
    expect(runCrss(['completion', 'tcsh'])).toMatchObject({ status: 2, stderr: expect.stringMatching(/^crss: unknown shell 'tcsh'.*; shells: bash, zsh, fish\n$/) });
  });

  it('complete-names is quiet and lists one name a line', () => {
    const env = isolatedEnv({ CRSS_DECKS: join(import.meta.dirname, '../fixtures/valid') });
    expect(runCrss(['complete-names', 'decks'], { env }).stdout.split('\n')).toContain('sample');
    expect(runCrss(['--help'], { env }).stdout).not.toContain('complete-names');
  });
});
