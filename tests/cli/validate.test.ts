/** `crss validate` through the real binary: exit codes, the three formats, hostile input. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDeckText } from '../../src/deck/parse-deck.js';
import { runCrss, tempDir } from '../helpers/run-crss.js';

const RULES = join(import.meta.dirname, '../fixtures/rules');
const VALID = join(import.meta.dirname, '../fixtures/valid/two-kinds.yaml');

describe('crss validate', () => {
  it('exits 0 on a clean deck and prints the summary', () => {
    const r = runCrss(['validate', '--strict', VALID]);
    expect(r).toEqual({ status: 0, stdout: '1 file, 2 cards checked: no problems\n', stderr: '' });
  });

  it('fails with a message for a folder holding no deck file, whatever the format', () => {
    const empty = tempDir();
    writeFileSync(join(empty, 'notes.txt'), 'not a deck');
    for (const format of ['text', 'github', 'json']) {
      expect(runCrss(['validate', '--format', format, empty])).toEqual({ status: 1, stdout: '', stderr: `crss: no deck files (.yaml, .yml) in ${empty}: nothing to validate\n` });
    }
    expect(runCrss(['validate', VALID, empty]).status).toBe(1);
  });

  it('exits 1 naming file, line and column for a broken deck', () => {
    const r = runCrss(['validate', join(RULES, 'wrong-type.yaml')]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe(
      'tests/fixtures/rules/wrong-type.yaml:6:13: error: \'answer\' must be text, found the number 68 (quote it: "68") [wrong-type]\n' +
        '1 file, 0 cards checked: 1 error, 0 warnings\n',
    );
  });

  it('passes warnings without --strict and fails them with it', () => {
    const file = join(RULES, 'duplicate-text.yaml');
    const relaxed = runCrss(['validate', file]);
    expect(relaxed.status).toBe(0);
    expect(relaxed.stdout).toContain('warning: the same front as the card at line 5 [duplicate-text]');
    expect(runCrss(['validate', '--strict', file]).status).toBe(1);
  });

  it('exits 2 for a path that does not exist and for an unknown format', () => {
    expect(runCrss(['validate', 'no/such/deck.yaml'])).toEqual({ status: 2, stdout: '', stderr: 'crss: no such file or folder: no/such/deck.yaml\n' });
    const bad = runCrss(['validate', '--format', 'xml', VALID]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe("crss: option '--format <format>' argument 'xml' is invalid. Allowed choices are text, json, github.\n");
  });

  it('exits 2 for an unknown option or command, with no stack trace', () => {
    const r = runCrss(['validate', '--nope']);
    expect(r).toEqual({ status: 2, stdout: '', stderr: "crss: unknown option '--nope'\n" });
    const c = runCrss(['studdy']);
    expect(c.status).toBe(2);
    expect(c.stderr).toBe("crss: unknown command 'studdy' (did you mean 'study'?)\n");
    expect(runCrss(['study', '--plian']).stderr).toBe("crss: unknown option '--plian' (did you mean '--plain'?)\n");
  });

  it('--format json prints one parseable array of problems on stdout', () => {
    const r = runCrss(['validate', '--format', 'json', RULES]);
    expect(r.status).toBe(1);
    const rows = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
    expect(rows.length).toBeGreaterThan(20);
    expect(rows).toContainEqual({
      file: 'tests/fixtures/rules/unknown-key.yaml',
      line: 5,
      column: 5,
      severity: 'error',
      rule: 'unknown-key',
      message: "unknown key 'fornt' (did you mean 'front'?)",
    });
  });

  it('--format github prints one escaped workflow command per problem', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a,b.yaml'), 'deck: x\ntitle: X\ncards:\n  - id: a\n    question: q\n    answer: "50%, or more"\n    distractors: ["50%, or more"]\n');
    const r = runCrss(['validate', '--format', 'github', dir]);
    expect(r.status).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toEqual([`::error file=${dir.replace(/:/g, '%3A')}/a%2Cb.yaml,line=7,col=19,title=answer-in-distractors::this distractor repeats the answer`]);
    const many = runCrss(['validate', '--format', 'github', RULES]);
    const json = JSON.parse(runCrss(['validate', '--format', 'json', RULES]).stdout) as unknown[];
    expect(many.stdout.trimEnd().split('\n')).toHaveLength(json.length);
    expect(many.stdout.trimEnd().split('\n').every((l) => /^::(error|warning) file=/.test(l))).toBe(true);
  });

  it('escapes deck text so that it cannot inject workflow commands', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'inject.yaml'), 'deck: x\ntitle: X\ncards:\n  - id: a\n    question: q\n    answer: "a\\n::error::pwned"\n    distractors: ["a\\n::error::pwned"]\n');
    const r = runCrss(['validate', '--format', 'github', dir]);
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stdout).not.toMatch(/\n::error::pwned/);
  });

  it('validates a folder recursively, and with no path the bundled decks', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'nested/deeper'), { recursive: true });
    writeFileSync(join(dir, 'nested/deeper/one.yml'), 'deck: one\ntitle: One\ncards:\n  - id: a\n    front: f\n    back: b\n');
    writeFileSync(join(dir, 'notes.txt'), 'not a deck');
    expect(runCrss(['validate', dir]).stdout).toBe('1 file, 1 card checked: no problems\n');
    const bundled = runCrss(['validate', '--strict']);
    expect(bundled.stderr).toBe('');
    expect(bundled.stdout).toMatch(/^\d+ files?, \d+ cards checked: no problems\n$/);
    expect(bundled.status).toBe(0);
  });
});

describe('hostile YAML', () => {
  it('rejects deep nesting, twice in one process, without aborting', () => {
    const deep = `deck: x\ntitle: X\ncards: ${'['.repeat(5000)}${']'.repeat(5000)}\n`;
    for (let i = 0; i < 2; i++) {
      const { deck, problems } = parseDeckText(deep, 'deep.yaml');
      expect(deck).toBeNull();
      expect(problems).toEqual([{ file: 'deep.yaml', line: 3, column: 72, severity: 'error', rule: 'yaml-limits', message: 'nesting deeper than 64 levels' }]);
    }
    const blockDeep = `deck: x\ntitle: X\ncards:\n${Array.from({ length: 300 }, (_, i) => `${' '.repeat(i)}- `).join('\n')}x\n`;
    expect(parseDeckText(blockDeep, 'b.yaml').problems[0]?.rule).toBe('yaml-limits');
  });

  it('rejects deep nesting twice in one run of the binary', () => {
    const dir = tempDir();
    for (const name of ['a', 'b']) writeFileSync(join(dir, `${name}.yaml`), `deck: ${name}\ntitle: X\ncards: ${'['.repeat(3000)}\n`);
    const r = runCrss(['validate', dir]);
    expect(r.status).toBe(1);
    expect(r.stdout.match(/nesting deeper than 64 levels \[yaml-limits\]/g)).toHaveLength(2);
  });

  it('rejects a 10 MB file with a clear error and no crash', () => {
    const dir = tempDir();
    const card = '  - id: c\n    front: f\n    back: b\n';
    writeFileSync(join(dir, 'huge.yaml'), `deck: huge\ntitle: Huge\ncards:\n${card.repeat(Math.ceil((10 * 1024 * 1024) / card.length))}`);
    const r = runCrss(['validate', dir]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('huge.yaml:1:1: error: file is 10.0 MiB; a deck may be at most 8 MiB (split it into several decks) [yaml-limits]');
  });

  it('rejects binary bytes and an alias bomb, naming the place', () => {
    const r = runCrss(['validate', join(RULES, 'yaml-limits-binary.yaml'), join(RULES, 'yaml-limits-alias.yaml')]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('tests/fixtures/rules/yaml-limits-binary.yaml:5:13: error: file is not UTF-8 text (is it a binary file?) [yaml-limits]');
    expect(r.stdout).toContain('tests/fixtures/rules/yaml-limits-alias.yaml:16:12: error: more than 100 aliases (an alias bomb?) [yaml-limits]');
  });

  it('never lets control characters from a file reach the terminal', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'esc\x1b[31mname.yaml'), 'deck: x\ntitle: X\ncards:\n  - id: a\n    frnt: f\n');
    const r = runCrss(['validate', dir]);
    expect(r.stdout).not.toContain('\x1b');
    expect(r.stdout).toContain('esc\\u{1b}[31mname.yaml:5:5: error:');
  });
});
