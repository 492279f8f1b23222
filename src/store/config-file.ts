/** config.json in the data folder: the learner's settings, written atomically, refused if unreadable. */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CrssError } from '../errors.js';
import { fileError, writeFileAtomic } from './atomic-file.js';

export const CONFIG_SCHEMA = 1;

export function configPath(dataDir: string): string {
  return join(dataDir, 'config.json');
}

export function readConfig(dataDir: string): Record<string, unknown> {
  const path = configPath(dataDir);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new CrssError(`cannot read ${path} (${(error as NodeJS.ErrnoException).code})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new CrssError(`${path} is not valid JSON; fix it or move it away (crss never overwrites a file it cannot read)`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new CrssError(`${path} must hold a JSON object`);
  const config = parsed as Record<string, unknown>;
  if (typeof config.schema === 'number' && config.schema > CONFIG_SCHEMA) throw new CrssError(`${path}: written by a newer crss (schema ${config.schema}); upgrade crss to read it`);
  const { schema: _schema, ...settings } = config;
  return settings;
}

export function writeConfig(dataDir: string, settings: Record<string, unknown>): void {
  readConfig(dataDir); // refuses to replace a file it cannot read
  try {
    mkdirSync(dataDir, { recursive: true });
  } catch (error) {
    throw fileError(error, dataDir, 'create');
  }
  writeFileAtomic(configPath(dataDir), `${JSON.stringify({ schema: CONFIG_SCHEMA, ...settings }, null, 2)}\n`);
}
