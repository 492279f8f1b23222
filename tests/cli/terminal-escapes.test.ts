/**
 * Terminal control through YAML escapes (issue 11, item 7): a double-quoted scalar can make any
 * character from plain ASCII ("\e]52;c;...\a" is a clipboard write on many terminals). Parsed values
 * are checked for what the raw check refuses (such a deck is not loaded), and nothing crss prints
 * from a file, a file name or a log reaches the terminal raw, exports to a terminal included.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sanitizePrinted } from '../../src/terminal/sanitize.js';
import { isolatedEnv, runCrss, tempDir } from '../helpers/run-crss.js';
import { runInPty } from '../helpers/pty.js';

const deck = (id: string, front: string) => `deck: ${id}\ntitle: T\ncards:\n  - id: a\n    front: ${front}\n    back: B\n`;
/** Any C0/C1 control but newline, tab and carriage return (a terminal's own line ends). */
const RAW_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

describe('escapes in double-quoted scalars', () => {
  it.each([
    ['an OSC 52 clipboard write', String.raw`"\e]52;c;aGk=\a"`, 'U+001B'],
    ['a bell', String.raw`"ring\a"`, 'U+0007'],
    ['the Arabic letter mark', String.raw`"a\u061Cb"`, 'U+061C'],
    ['a line separator', String.raw`"a\Lb"`, 'U+2028'],
    ['a paragraph separator', String.raw`"a\u2029b"`, 'U+2029'],
    ['a right-to-left override', String.raw`"a\u202Eb"`, 'U+202E'],
  ])('%s is an error at the scalar, and the deck is not loaded', (_what, scalar, code) => {
    const dir = tempDir();
    writeFileSync(join(dir, 'evil.yaml'), deck('evil', scalar));
    const r = runCrss(['validate', join(dir, 'evil.yaml')]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`evil.yaml:5:12: error: 'front': control character ${code} is not allowed in deck text (here written as an escape in a quoted string) [control-character]`);
    const env = isolatedEnv({ CRSS_DECKS: dir });
    const decks = runCrss(['decks'], { env });
    expect(decks.stdout).not.toContain('evil');
    expect(decks.stderr).toContain('skipping');
  });

  it('an export to a terminal carries no raw control character', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'evil.yaml'), deck('evil', String.raw`"\e]52;c;aGk=\a"`));
    writeFileSync(join(dir, 'fine.yaml'), deck('fine', 'Plain text'));
    for (const format of ['csv', 'anki']) {
      const pty = runInPty(['node', join(import.meta.dirname, '../../bin/crss.js'), 'export', '--format', format], isolatedEnv({ CRSS_DECKS: dir }));
      await pty.exited;
      const out = pty.output();
      expect(out, format).toContain('Plain text');
      expect(out, format).not.toMatch(RAW_CONTROL);
    }
  });
});

describe('file names and printed text', () => {
  it('a deck file name with escape sequences is printed escaped', () => {
    const dir = tempDir();
    const sub = join(dir, 'x\u001b]0;pwned\u0007');
    mkdirSync(sub);
    writeFileSync(join(sub, 'deck.yaml'), deck('named', 'Plain'));
    const r = runCrss(['decks'], { env: isolatedEnv({ CRSS_DECKS: dir }) });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('x\\u{1b}]0;pwned\\u{7}/deck.yaml');
    expect(r.stdout + r.stderr).not.toMatch(RAW_CONTROL);
  });

  it('the one printing path escapes every control but newline and tab, and keeps crss’s own colours', () => {
    expect(sanitizePrinted('\u001b[1mbold\u001b[22m\tok\nline\u001b]52;c;x\u0007 \u2028 \u061C \r')).toBe('\u001b[1mbold\u001b[22m\tok\nline\\u{1b}]52;c;x\\u{7} \\u{2028} \\u{61c} \\u{d}');
  });
});
