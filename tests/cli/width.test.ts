/**
 * Every help screen, listing and error fits an 80-column terminal, measured on the real binary's
 * output in code points (the box-drawing and block characters are one column each).
 */
import { describe, expect, it } from 'vitest';
import { isolatedEnv, middayZone, runCrss } from '../helpers/run-crss.js';

const COLUMNS = 80;

/** The lines of `text` wider than 80 columns, with their widths, so a failure shows them. */
function tooWide(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => [...line].length > COLUMNS)
    .map((line) => `${[...line].length}: ${line}`);
}

/** Every command path, read from the help screens themselves, so a new command is measured too. */
function commandPaths(env: Record<string, string>): string[][] {
  const listed = (args: string[]) =>
    [...runCrss([...args, '--help'], { env }).stdout.replace(/^[\s\S]*?\nCommands:\n/, '').matchAll(/^ {2}([a-z-]+)/gm)]
      .map((m) => m[1]!)
      .filter((name) => name !== 'help');
  const paths: string[][] = [[]];
  for (const name of listed([])) {
    paths.push([name]);
    if (/\nCommands:\n/.test(runCrss([name, '--help'], { env }).stdout)) for (const sub of listed([name])) paths.push([name, sub]);
  }
  return paths;
}

describe('80 columns', () => {
  const env = isolatedEnv({ TZ: middayZone() });

  it('every help screen', () => {
    const paths = commandPaths(env);
    expect(paths.length).toBeGreaterThan(15);
    expect(paths).toContainEqual(['config', 'set']);
    for (const path of paths) {
      const r = runCrss([...path, '--help'], { env });
      expect(r.status, path.join(' ')).toBe(0);
      expect(tooWide(r.stdout), `crss ${path.join(' ')} --help`).toEqual([]);
    }
    expect(tooWide(runCrss(['help', 'quiz'], { env }).stdout)).toEqual([]);
  });

  it('decks, topics and stats, before and after some study, a quiz and an exam date', () => {
    for (const args of [['decks'], ['topics'], ['stats']]) expect(tooWide(runCrss(args, { env }).stdout), args.join(' ')).toEqual([]);
    expect(runCrss(['study', '--plain', '--new', '30'], { env, input: '3\n4\n1\n2\n'.repeat(30) }).status).toBe(0);
    expect(runCrss(['quiz', '--plain', '--count', '10', '--seed', '1'], { env, input: 'a\nb\n'.repeat(5) }).status).toBe(0);
    for (const args of [['stats'], ['stats', '--exam-date', '2099-01-01'], ['stats', '--topic', 'trust']]) {
      const r = runCrss(args, { env });
      expect(r.status).toBe(0);
      expect(r.stdout).toContain('Mastery by domain');
      expect(tooWide(r.stdout), args.join(' ')).toEqual([]);
    }
  });

  it('every usage error is one line within 80 columns', () => {
    const cases: [string[], RegExp][] = [
      [['study', '--topic', 'nope'], /^crss: unknown topic 'nope'; see crss topics$/],
      [['study', '--topic', 'trsut'], /^crss: unknown topic 'trsut' \(did you mean 'trust'\?\); see crss topics$/],
      [['quiz', '--topic', 'listen'], /did you mean 'active-listening'\?/],
      [['quiz', '--domain', 'mentorng'], /^crss: unknown domain 'mentorng' \(did you mean 'mentoring'\?\)$/],
      [['study', '--deck', 'mentorin'], /did you mean 'mentoring'\?/],
      [['study', '--topic', 'x'.repeat(200)], /^crss: unknown topic 'x+…'; see crss topics$/],
      [['config', 'set', 'retentoin', '0.9'], /^crss: unknown setting 'retentoin' \(did you mean 'retention'\?\)/],
      [['config', 'set', 'retention', '3'], /^crss: /],
      [['stdy'], /^crss: unknown command 'stdy' \(did you mean 'study'\?\)$/],
      [['help', 'nope'], /^crss: unknown command 'nope'; see crss --help$/],
      [['study', '--bogus'], /^crss: unknown option '--bogus'$/],
      [['quiz', '--count', 'x'], /^crss: /],
      [['study', '--exam-date', 'soon'], /^crss: /],
      [['export'], /^crss: /],
      [['backup', 'restore', 'nope', '--yes'], /^crss: /],
      [['unsuspend', 'nope/nope'], /^crss: /],
      [['validate', '/nonexistent/decks'], /^crss: /],
    ];
    for (const [args, expected] of cases) {
      const r = runCrss(args, { env });
      expect(r.status, args.join(' ')).not.toBe(0);
      const lines = r.stderr.trimEnd().split('\n');
      expect(lines, args.join(' ')).toHaveLength(1);
      expect(lines[0], args.join(' ')).toMatch(expected);
      expect(tooWide(r.stderr), args.join(' ')).toEqual([]);
    }
  });

  it('crss help with an unknown command exits 2, as an unknown command does', () => {
    expect(runCrss(['help', 'nope'], { env }).status).toBe(2);
    expect(runCrss(['help', 'study'], { env })).toMatchObject({ status: 0, stderr: '' });
  });
});
