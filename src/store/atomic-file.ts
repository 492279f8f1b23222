/**
 * Writing files so that a crash, a full disk or a read-only folder never leaves a damaged file:
 * write a temp file (flushed), check its size, rename it over the old one, sync the folder.
 */
import { closeSync, fsyncSync, openSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { CrssError } from '../errors.js';

/** Turns a file-system error into a one-line message the learner can act on. */
export function fileError(error: unknown, path: string, doing = 'write'): Error {
  const code = (error as NodeJS.ErrnoException)?.code;
  const reason: Record<string, string> = {
    ENOSPC: 'the disk is full',
    EDQUOT: 'the disk quota is used up',
    EFBIG: 'the file size limit was reached (is the disk full or ulimit -f set?)',
    EROFS: 'the folder is read-only',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
  };
  if (code && reason[code]) return new CrssError(`cannot ${doing} ${path}: ${reason[code]}; nothing was lost, your last saved state is intact`);
  return error instanceof Error ? error : new Error(String(error));
}

export function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Some file systems cannot sync a folder; the rename is still atomic there.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export function writeFileAtomic(path: string, data: string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  const bytes = Buffer.from(data);
  try {
    try {
      unlinkSync(tmp);
    } catch {
      // no leftover from an earlier crash of this pid
    }
    // flush: Node >= 20.10 retries short writes and fsyncs before closing.
    writeFileSync(tmp, bytes, { flag: 'wx', flush: true });
    if (statSync(tmp).size !== bytes.length) throw Object.assign(new Error('short write'), { code: 'ENOSPC' });
    renameSync(tmp, path);
  } catch (error) {
    try {
      unlinkSync(tmp);
    } catch {
      // nothing to clean up
    }
    throw fileError(error, path);
  }
  fsyncDir(dirname(path));
}
