/**
 * One writer per device and data folder (two unlocked sessions lost 172 of 400 reviews in a test).
 * The lock file names its holder; a holder on this machine that no longer runs is taken over at once,
 * with no waiting (unlike proper-lockfile's 10 s). Readers never lock.
 */
import { closeSync, linkSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { isoTime } from '../core/day.js';
import { hostName, readSmallFile } from '../machine.js';
import { CrssError, ExitCode } from '../errors.js';
import { codedError, errorCode, fileError } from './file-errors.js';
import { readRegular } from './safe-open.js';

/** A lock file is one short JSON line; anything longer was not written by crss. */
const LOCK_MAX_BYTES = 4096;

export interface LockInfo {
  pid: number;
  hostname: string;
  /** When the lock was taken, by crss's clock (which CRSS_NOW may set): shown to the learner. */
  started: string;
  /**
   * When the holding process started, by the real clock (ms since 1970): a later process given the
   * same pid is not the holder. Missing in locks of crss 0.1.
   */
  processStart?: number;
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

/** Linux's PID_MAX_LIMIT: no process has a larger pid, and kill() of one is not a question about a process. */
const MAX_PID = 4_194_304;
/** How far apart the holder's own start time and the kernel's may lie (clock ticks, Node's start-up). */
const START_SLACK_MS = 2_000;
/** Linux reports process start times in these ticks per second (USER_HZ, fixed for user space). */
const USER_HZ = 100;

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return errorCode(error) === 'EPERM';
  }
}

/** When this process started, by the real clock: no system call (Node keeps its own uptime). */
export function ownProcessStart(): number {
  return Math.round(Date.now() - process.uptime() * 1000);
}

/** When process `pid` started, from /proc (Linux), or undefined when that cannot be read. */
function linuxProcessStart(pid: number): number | undefined {
  const stat = readSmallFile(`/proc/${pid}/stat`, 4096);
  const boot = /^btime (\d+)$/m.exec(readSmallFile('/proc/stat', 1 << 16));
  // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
  const ticks = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
  if (!boot || !Number.isFinite(ticks) || stat === '') return undefined;
  return Number(boot[1]) * 1000 + (ticks * 1000) / USER_HZ;
}

/**
 * Whether the lock's holder still runs: its pid exists on this host and, where the system says
 * (Linux), it is the process that took the lock: started when the lock says, or for a lock without
 * that time, a crss process. pid 0, 1, negative or huge ones are never a crss session.
 */
export function holderRuns(holder: LockInfo): boolean {
  const { pid } = holder;
  if (!Number.isInteger(pid) || pid <= 1 || pid > MAX_PID || !processExists(pid)) return false;
  if (process.platform !== 'linux') return true; // exists; nothing cheap tells more
  if (holder.processStart !== undefined) {
    const started = linuxProcessStart(pid);
    return started === undefined || Math.abs(started - holder.processStart) <= START_SLACK_MS;
  }
  const command = readSmallFile(`/proc/${pid}/cmdline`, 4096);
  return command === '' || command.includes('crss');
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
  return !holderRuns(holder);
}

function inUse(path: string, dataDir: string, holder: LockInfo, me: LockInfo): CrssError {
  if (holder.hostname !== me.hostname) {
    // Same device id, another host name: a renamed machine, a container, or a copied state folder.
    return new CrssError(
      `data folder ${dataDir} is locked for this device by crss process ${holder.pid} on host '${holder.hostname}' (started ${holder.started}), which crss cannot check from '${me.hostname}'; close that session, or if none runs there (a renamed machine, a container), remove ${path} and try again`,
      ExitCode.locked,
    );
  }
  return new CrssError(`data folder ${dataDir} is in use by crss process ${holder.pid} (started ${holder.started}); close that session first`, ExitCode.locked);
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
    const record = Buffer.from(JSON.stringify(me));
    if (writeSync(fd, record) !== record.length) throw codedError('ENOSPC', 'short write of the lock');
  } catch (error) {
    // A full disk takes the empty file but not its contents: leave no lock that names nobody.
    closeSync(fd);
    try {
      unlinkSync(path);
    } catch {
      // An empty lock is taken over as stale anyway.
    }
    throw fileError(error, path, 'write', 'nothing was changed');
  }
  closeSync(fd);
  return true;
}

export function acquireLock(path: string, dataDir: string, now: Date): Lock {
  const me: LockInfo = { pid: process.pid, hostname: hostName(), started: isoTime(now), processStart: ownProcessStart() };
  for (let attempt = 0; attempt < 5; attempt++) {
    if (tryCreate(path, me)) {
      heldHere.add(path);
      return { release: () => releaseLock(path, me) };
    }
    const holder = settledHolder(path);
    if (holder === 'gone') continue; // released meanwhile
    if (holder !== undefined && !isStale(path, holder, me)) throw inUse(path, dataDir, holder, me);
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
