/**
 * Reading other devices' logs, which this machine did not write and cannot vouch for. A link among them
 * is followed only to a file inside the data folder: one planted in a shared logs/ must not make crss
 * read a file from elsewhere (and copy it into backups/, inside the synced folder). A log that cannot
 * be read at all is a warning, not the end of every command: that machine's history is left out until
 * it can be read again, and nothing of it is written anywhere meanwhile.
 */
import { realpathSync } from 'node:fs';
import { sep } from 'node:path';
import { checkLogHeader, readLog, type LogRead } from './event-log.js';
import { errorCode, fileError } from './file-errors.js';
import { LINK_REASON, RefusedFile } from './safe-open.js';

/** The file a link in the data folder leads to, if that file is inside the folder too. */
function targetInside(path: string, dataDir: string): string | undefined {
  try {
    const target = realpathSync(path);
    return target.startsWith(realpathSync(dataDir) + sep) ? target : undefined;
  } catch {
    return undefined; // a dangling link: nothing to read
  }
}

/** Unreadable as a file (refused, or the OS said no): a warning. Anything else (a newer schema, a bug) is thrown. */
function unreadable(error: unknown, path: string, warn: (message: string) => void): undefined {
  if (!(error instanceof RefusedFile) && errorCode(error) === undefined) throw error;
  const message = error instanceof RefusedFile ? error.message : fileError(error, path, 'read').message;
  warn(`${message}; that machine's history in it is left out until it can be read`);
  return undefined;
}

/** Another device's log from byte `from` (line `linesBefore + 1`), or undefined (with a warning) if it cannot be read. */
export function readPeerLog(path: string, dataDir: string, warn: (message: string) => void, from = 0, linesBefore = 0): LogRead | undefined {
  try {
    return readLog(path, from, linesBefore);
  } catch (error) {
    if (!(error instanceof RefusedFile && error.reason === LINK_REASON)) return unreadable(error, path, warn);
  }
  const target = targetInside(path, dataDir);
  if (target === undefined) {
    warn(`${path}: skipped: it is a link to a file outside the data folder, which crss does not read; that machine's history in it is left out`);
    return undefined;
  }
  try {
    return readLog(target, from, linesBefore);
  } catch (error) {
    return unreadable(error, path, warn);
  }
}

/** checkLogHeader for another device's log: one it cannot open is warned about when it is read, not here. */
export function checkPeerHeader(path: string): void {
  try {
    checkLogHeader(path);
  } catch (error) {
    if (error instanceof RefusedFile || errorCode(error) !== undefined) return;
    throw error;
  }
}
