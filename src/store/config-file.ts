/**
 * config.json in the data folder: `{ "schema": 1, ...settings }`, written atomically. A file that cannot
 * be read, or was written by a newer crss, is refused by name and never overwritten.
 */
import { CrssError } from '../errors.js';
import { makeDir, writeFileAtomic } from './atomic-file.js';
import { errorCode, fileError } from './file-errors.js';
import { layout } from './layout.js';
import { readRegular } from './safe-open.js';

/** Settings fill a few hundred bytes; a larger file is not a config crss wrote. */
const CONFIG_MAX_BYTES = 1 << 20;

export const CONFIG_SCHEMA = 1;

export function configPath(dataDir: string): string {
  return layout.config(dataDir);
}

/** The settings (without `schema`), or {} when there is no config file yet. */
export function readConfig(dataDir: string): Record<string, unknown> {
  const path = configPath(dataDir);
  let text: string;
  try {
    text = readRegular(path, CONFIG_MAX_BYTES).toString('utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return {};
    throw fileError(error, path, 'read');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new CrssError(`${path} is not valid JSON; fix it or move it away (crss never overwrites a file it cannot read)`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new CrssError(`${path} must hold a JSON object; fix it or move it away (crss never overwrites a file it cannot read)`);
  }
  const { schema = CONFIG_SCHEMA, ...settings } = parsed as Record<string, unknown>;
  if (!Number.isInteger(schema) || (schema as number) < 1) throw new CrssError(`${path}: "schema" must be a whole number; fix it or move it away`);
  if ((schema as number) > CONFIG_SCHEMA) throw new CrssError(`${path}: written by a newer crss (schema ${schema as number}); upgrade crss`);
  return settings;
}

/** Replaces the settings. Refuses (like readConfig) when the present file cannot be read. */
export function writeConfig(dataDir: string, settings: Record<string, unknown>): void {
  readConfig(dataDir);
  makeDir(dataDir, { mayBeLink: true });
  const { schema: _ignored, ...rest } = settings;
  writeFileAtomic(configPath(dataDir), `${JSON.stringify({ schema: CONFIG_SCHEMA, ...rest }, null, 2)}\n`);
}
