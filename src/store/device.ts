/**
 * This machine's device id. Each machine writes only its own files in a shared data folder, so the id
 * lives outside it, in the per-machine state folder ($XDG_STATE_HOME/crss/device).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { makeDir } from './atomic-file.js';
import { join } from 'node:path';
import type { Environment } from '../env.js';
import { hostName } from '../machine.js';
import { CrssError, usageError } from '../errors.js';
import { errorCode, fileError } from './file-errors.js';
import { randomHex } from '../core/random.js';

const DEVICE_ID = /^[A-Za-z0-9._-]{1,64}$/;

export function deviceId(env: Environment): string {
  if (env.deviceOverride !== undefined) {
    if (!DEVICE_ID.test(env.deviceOverride)) throw usageError(`CRSS_DEVICE '${env.deviceOverride}' must be 1-64 letters, digits, '.', '_' or '-'`);
    return env.deviceOverride;
  }
  const file = join(env.stateDir, 'device');
  const stored = storedId(file);
  if (stored !== undefined) return stored;
  const host = hostName().replace(/[^A-Za-z0-9-]/g, '').slice(0, 32) || 'device';
  const id = `${host}-${randomHex(6)}`;
  // An unwritable state folder on a first run: say where the id goes and the ways around it.
  const cannot = (error: unknown) =>
    new CrssError(`cannot keep this machine's device id in ${file}: ${fileError(error, file, 'write').message.replace(/^cannot \w+ \S+: /, '')}; make that folder writable (or set XDG_STATE_HOME), or set CRSS_DEVICE`);
  try {
    makeDir(env.stateDir); // one level at a time: a recursive mkdir says ENOENT for a read-only disk
  } catch (error) {
    throw cannot(error);
  }
  // 'wx': if two first runs race, the second keeps the first one's id.
  try {
    writeFileSync(file, `${id}\n`, { flag: 'wx' });
    return id;
  } catch (error) {
    const raced = errorCode(error) === 'EEXIST' ? storedId(file) : undefined;
    if (raced === undefined) throw cannot(error);
    return raced;
  }
}

/**
 * The id kept in `file`, or undefined when there is none yet. One that is damaged is an error naming the
 * file: making a new id would quietly start a new device, whose log is another file.
 */
function storedId(file: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw fileError(error, file, 'read');
  }
  const id = text.trim();
  if (DEVICE_ID.test(id) && !id.startsWith('.')) return id;
  throw new CrssError(
    `${file}: damaged (it holds no device id); put back this machine's id (the name of its log in the data folder's logs/, without .jsonl), or delete the file to continue as a new device`,
  );
}
