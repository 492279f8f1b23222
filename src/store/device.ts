/**
 * This machine's device id. Each machine writes only its own files in a shared data folder, so the id
 * lives outside it, in the per-machine state folder ($XDG_STATE_HOME/crss/device).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Environment } from '../env.js';
import { hostName } from '../machine.js';
import { usageError } from '../errors.js';
import { randomHex } from '../core/random.js';

const DEVICE_ID = /^[A-Za-z0-9._-]{1,64}$/;

export function deviceId(env: Environment): string {
  if (env.deviceOverride !== undefined) {
    if (!DEVICE_ID.test(env.deviceOverride)) throw usageError(`CRSS_DEVICE '${env.deviceOverride}' must be 1-64 letters, digits, '.', '_' or '-'`);
    return env.deviceOverride;
  }
  const file = join(env.stateDir, 'device');
  try {
    const id = readFileSync(file, 'utf8').trim();
    if (DEVICE_ID.test(id)) return id;
  } catch {
    // First run on this machine: make an id below.
  }
  const host = hostName().replace(/[^A-Za-z0-9-]/g, '').slice(0, 32) || 'device';
  const id = `${host}-${randomHex(6)}`;
  mkdirSync(env.stateDir, { recursive: true });
  // 'wx': if two first runs race, the second keeps the first one's id.
  try {
    writeFileSync(file, `${id}\n`, { flag: 'wx' });
    return id;
  } catch {
    return readFileSync(file, 'utf8').trim();
  }
}
