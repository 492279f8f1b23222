import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findDeckFiles } from '../../src/deck/deck-files.js';

function folder(files: string[]): string {
  const root = mkdtempSync(join(tmpdir(), 'crss-deck-files-'));
  for (const file of files) {
    mkdirSync(join(root, file, '..'), { recursive: true });
    writeFileSync(join(root, file), 'deck: x\n');
  }
  return root;
}

describe('finding deck files', () => {
  it('walks folders in code-point order, keeping .yaml and .yml files and skipping hidden ones and node_modules', () => {
    const root = folder(['b.yaml', 'a/z.YML', 'a/notes.md', 'B.yml', '.hidden/x.yaml', '.x.yaml', 'node_modules/y.yaml']);
    expect(findDeckFiles([root]).map((f) => f.path.slice(root.length + 1))).toEqual(['B.yml', 'a/z.YML', 'b.yaml']);
  });

  it('gives each file with its stat, and names a file given directly whatever its extension', () => {
    const root = folder(['deck.txt', 'd.yaml']);
    const found = findDeckFiles([join(root, 'deck.txt'), root]);
    expect(found.map((f) => f.path)).toEqual([join(root, 'd.yaml'), join(root, 'deck.txt')]);
    expect(found.every((f) => f.stat.isFile() && f.stat.size === 8)).toBe(true);
  });

  it('skips symbolic links inside folders, so a link to a parent folder cannot loop', () => {
    const root = folder(['real/a.yaml']);
    symlinkSync(root, join(root, 'real', 'loop'));
    symlinkSync(join(root, 'real', 'a.yaml'), join(root, 'link.yaml'));
    expect(findDeckFiles([root]).map((f) => f.path)).toEqual([join(root, 'real', 'a.yaml')]);
  });

  it('refuses a path that does not exist, with a usage error', () => {
    expect(() => findDeckFiles(['/nonexistent/decks'])).toThrow('no such file or folder: /nonexistent/decks');
  });
});
