/** config.json: versioned, written atomically, and never overwritten when it cannot be read. */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CrssError } from '../../src/errors.js';
import { readConfig, writeConfig } from '../../src/store/config-file.js';
import { tempDir } from './store-fixtures.js';

describe('config.json', () => {
  it('reads as {} when absent, without creating anything', () => {
    const data = join(tempDir(), 'crss');
    expect(readConfig(data)).toEqual({});
    expect(existsSync(data)).toBe(false);
  });

  it('round-trips settings with a schema number, leaving no temp file', () => {
    const data = join(tempDir(), 'crss');
    writeConfig(data, { retention: 0.85, 'exam-date': '2027-01-15' });
    expect(JSON.parse(readFileSync(join(data, 'config.json'), 'utf8'))).toEqual({ schema: 1, retention: 0.85, 'exam-date': '2027-01-15' });
    expect(readConfig(data)).toEqual({ retention: 0.85, 'exam-date': '2027-01-15' });
    writeConfig(data, { retention: 0.8, schema: 7 }); // a setting cannot change the schema
    expect(JSON.parse(readFileSync(join(data, 'config.json'), 'utf8'))).toEqual({ schema: 1, retention: 0.8 });
    expect(readdirSync(data)).toEqual(['config.json']);
  });

  it.each([
    ['not JSON', '{ not json', (p: string) => `${p} is not valid JSON; fix it or move it away (crss never overwrites a file it cannot read)`],
    ['not an object', '[1, 2]', (p: string) => `${p} must hold a JSON object; fix it or move it away (crss never overwrites a file it cannot read)`],
    ['from a newer crss', '{"schema": 2, "retention": 0.9}', (p: string) => `${p}: written by a newer crss (schema 2); upgrade crss`],
    ['a bad schema', '{"schema": "1"}', (p: string) => `${p}: "schema" must be a whole number; fix it or move it away`],
  ])('%s is refused by name and never overwritten', (_, text, message) => {
    const data = tempDir();
    mkdirSync(data, { recursive: true });
    const path = join(data, 'config.json');
    writeFileSync(path, text);
    expect(() => readConfig(data)).toThrow(new CrssError(message(path)));
    expect(() => writeConfig(data, { retention: 0.9 })).toThrow(new CrssError(message(path)));
    expect(readFileSync(path, 'utf8')).toBe(text);
    expect(readdirSync(data)).toEqual(['config.json']);
  });
});
