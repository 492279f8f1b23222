/**
 * One writer per device and data folder. The lock file names its holder; a holder on this machine
 * that no longer runs is taken over at once (no waiting, unlike proper-lockfile's 10 s).
 */
import { closeSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { CrssError, ExitCode } from '../errors.js';
import { fileError } from './atomic-file.js';

interface LockInfo {
  pid: number;
  hostname: string;
  started: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface Lock {
  release(): void;
}

export function acquireLock(path: string, dataDir: string, now: Date): Lock {
  const info: LockInfo = { pid: process.pid, hostname: hostname(), started: now.toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, JSON.stringify(info));
      closeSync(fd);
      return {
        release() {
          try {
            const held = JSON.parse(readFileSync(path, 'utf8')) as LockInfo;
            if (held.pid === process.pid) unlinkSync(path);
          } catch {
            // Already gone: nothing to release.
          }
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw fileError(error, path, 'lock');
    }
    let holder: LockInfo | undefined;
    try {
      holder = JSON.parse(readFileSync(path, 'utf8')) as LockInfo;
    } catch {
      holder = undefined; // unreadable: a crash while writing it; treat as stale
    }
    if (holder && (holder.hostname !== info.hostname || alive(holder.pid))) {
      throw new CrssError(
        `data folder ${dataDir} is in use by crss process ${holder.pid}${holder.hostname !== info.hostname ? ` on ${holder.hostname}` : ''} (started ${holder.started}); close that session first`,
        ExitCode.locked,
      );
    }
    // Stale: its process is gone. Move it away (atomic) and try again.
    try {
      renameSync(path, `${path}.stale-${process.pid}`);
      unlinkSync(`${path}.stale-${process.pid}`);
    } catch {
      // Someone else took it over first; the next attempt will see their lock.
    }
  }
  throw new CrssError(`could not lock ${dataDir}; try again`, ExitCode.locked);
}
