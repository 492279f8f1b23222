/**
 * This machine's device id. Each machine writes only its own files in a shared data folder, so the id
 * lives outside it, in the per-machine state folder ($XDG_STATE_HOME/crss/device).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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
  mkdirSync(env.stateDir, { recursive: true });
  // 'wx': if two first runs race, the second keeps the first one's id.
  try {
    writeFileSync(file, `${id}\n`, { flag: 'wx' });
    return id;
  } catch (error) {
    const raced = errorCode(error) === 'EEXIST' ? storedId(file) : undefined;
    if (raced === undefined) throw fileError(error, file, 'write');
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
