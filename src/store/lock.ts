/**
 * One writer per device and data folder (two unlocked sessions lost 172 of 400 reviews in a test).
 * The lock file names its holder; a holder on this machine that no longer runs is taken over at once,
 * with no waiting (unlike proper-lockfile's 10 s). Readers never lock.
 */
import { closeSync, linkSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { isoTime } from '../core/day.js';
import { hostName } from '../machine.js';
import { CrssError, ExitCode } from '../errors.js';
import { errorCode, fileError } from './file-errors.js';
import { readRegular } from './safe-open.js';

/** A lock file is one short JSON line; anything longer was not written by crss. */
const LOCK_MAX_BYTES = 4096;

export interface LockInfo {
  pid: number;
  hostname: string;
  started: string;
}

export interface Lock {
  release(): void;
}

/** A holder whose lock file is still empty may be between creating and writing it: look again this often. */
const UNREADABLE_RETRIES = 5;
const RETRY_WAIT_MS = 20;

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return errorCode(error) !== 'ESRCH';
  }
}

function readHolder(path: string): LockInfo | undefined | 'gone' {
  let text: string;
  try {
    // A link or a FIFO planted as the lock is refused by name (RefusedFile), never followed or waited on.
    text = readRegular(path, LOCK_MAX_BYTES).toString('utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return 'gone';
    throw fileError(error, path, 'read');
  }
  try {
    const info = JSON.parse(text) as Partial<LockInfo>;
    if (Number.isInteger(info.pid) && typeof info.hostname === 'string' && typeof info.started === 'string') return info as LockInfo;
  } catch {
    // fall through: unreadable
  }
  return undefined;
}

/** Reads the holder, waiting briefly if the file is still being written. Undefined: unreadable, stale. */
function settledHolder(path: string): LockInfo | undefined | 'gone' {
  for (let i = 0; ; i++) {
    const holder = readHolder(path);
    if (holder !== undefined || i === UNREADABLE_RETRIES) return holder;
    sleep(RETRY_WAIT_MS);
  }
}

/** Lock files this process holds now, so a second open in the same process is refused, not taken over. */
const heldHere = new Set<string>();

function isStale(path: string, holder: LockInfo | undefined, me: LockInfo): boolean {
  if (holder === undefined) return true; // a crash between creating the file and writing it
  if (holder.hostname !== me.hostname) return false; // cannot tell whether it runs: assume it does
  if (holder.pid === me.pid) return !heldHere.has(path); // our pid but not our lock: a reused pid
  return !processAlive(holder.pid);
}

function inUse(dataDir: string, holder: LockInfo, me: LockInfo): CrssError {
  const where = holder.hostname === me.hostname ? '' : ` on ${holder.hostname}`;
  return new CrssError(`data folder ${dataDir} is in use by crss process ${holder.pid}${where} (started ${holder.started}); close that session first`, ExitCode.locked);
}

function tryCreate(path: string, me: LockInfo): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw fileError(error, path, 'write', 'nothing was changed');
  }
  try {
    // Not synced: the holder's record matters only while it runs. After a crash of the machine the
    // file may be empty, which reads as unreadable, which is stale (isStale).
    writeSync(fd, JSON.stringify(me));
  } finally {
    closeSync(fd);
  }
  return true;
}

export function acquireLock(path: string, dataDir: string, now: Date): Lock {
  const me: LockInfo = { pid: process.pid, hostname: hostName(), started: isoTime(now) };
  for (let attempt = 0; attempt < 5; attempt++) {
    if (tryCreate(path, me)) {
      heldHere.add(path);
      return { release: () => releaseLock(path, me) };
    }
    const holder = settledHolder(path);
    if (holder === 'gone') continue; // released meanwhile
    if (holder !== undefined && !isStale(path, holder, me)) throw inUse(dataDir, holder, me);
    // Stale: move it aside under a name of our own, then check we moved the lock we judged. Another
    // process may have taken over first; then we put theirs back. (Only a third process creating the
    // lock in the microseconds between could still get in too.)
    const aside = `${path}.stale-${process.pid}`;
    try {
      renameSync(path, aside);
    } catch (error) {
      if (errorCode(error) === 'ENOENT') continue;
      throw fileError(error, path, 'write', 'nothing was changed');
    }
    const moved = readHolder(aside);
    if (moved !== 'gone' && moved !== undefined && holder !== undefined && (moved.pid !== holder.pid || moved.started !== holder.started)) {
      try {
        linkSync(aside, path);
      } catch {
        // Someone holds it now: the next attempt will see them.
      }
    }
    try {
      unlinkSync(aside);
    } catch {
      // already gone
    }
  }
  throw new CrssError(`could not lock data folder ${dataDir}: other crss processes keep taking it; try again`, ExitCode.locked);
}

function releaseLock(path: string, me: LockInfo): void {
  if (!heldHere.delete(path)) return; // released already
  let holder: ReturnType<typeof readHolder>;
  try {
    holder = readHolder(path);
  } catch {
    return; // cannot even read it; a stale lock is taken over at the next start
  }
  if (holder === 'gone' || holder === undefined) return;
  // Only remove our own lock: after a takeover judged us stale (it cannot while we run), it is not ours.
  if (holder.pid === me.pid && holder.hostname === me.hostname && holder.started === me.started) {
    try {
      unlinkSync(path);
    } catch {
      // Gone already.
    }
  }
}
