/**
 * File-system failures the learner can do something about, as one clear line. Anything else is left
 * as it is (a bug, or a failure worth its stack trace).
 */
import { CrssError } from '../errors.js';

const REASONS: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk is full (disk quota exceeded)',
  // ulimit -f: the learner sees free space, so name the real limit.
  EFBIG: 'the disk is full (file size limit reached)',
  EROFS: 'the folder is read-only',
  EACCES: 'the folder is read-only (permission denied)',
  EPERM: 'the folder is read-only (operation not permitted)',
  EIO: 'the disk reported an input/output error (check the disk; a backup is in backups/)',
  ENOTDIR: 'part of that path is a file, not a folder (move the file away)',
  EISDIR: 'it is a folder where a file should be (move it away)',
  ENOENT: 'it does not exist (was a drive unmounted, or the folder moved?)',
  ELOOP: 'it goes through too many symbolic links (fix the links)',
  ENAMETOOLONG: 'the path is too long (choose a shorter --data-dir)',
  EMFILE: 'too many files are open (close some programs and try again)',
  ENFILE: 'too many files are open (close some programs and try again)',
  EBUSY: 'it is in use by another program (try again later)',
};

/** When reading, permission denied is about the file, not a read-only folder. */
const READ_REASONS: Record<string, string> = {
  EACCES: 'permission denied (check who owns it and its permissions)',
  EPERM: 'permission denied (check who owns it and its permissions)',
};

const READING = new Set(['read', 'open', 'list', 'reach']);

/** What the system call was doing, in the words of `cannot <doing> <path>`. */
const DOING: Record<string, string> = {
  open: 'open',
  read: 'read',
  write: 'write',
  mkdir: 'create',
  rename: 'rename',
  unlink: 'remove',
  rmdir: 'remove',
  scandir: 'list',
  stat: 'reach',
  lstat: 'reach',
  fstat: 'reach',
  fsync: 'sync',
  fdatasync: 'sync',
  copyfile: 'copy',
  link: 'link',
  realpath: 'reach',
  ftruncate: 'write',
};

export function errorCode(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * `cannot <doing> <path>: <reason>[; <outcome>]` for the codes above; other errors come back unchanged.
 * `outcome` tells what state the learner's files were left in.
 */
export function fileError(error: unknown, path: string, doing = 'write', outcome?: string): Error {
  if (error instanceof CrssError) return error;
  const code = errorCode(error) ?? '';
  const reason = (READING.has(doing) ? READ_REASONS[code] : undefined) ?? REASONS[code];
  if (reason !== undefined) return new CrssError(`cannot ${doing} ${path}: ${reason}${outcome ? `; ${outcome}` : ''}`);
  return error instanceof Error ? error : new Error(String(error));
}

/** An error with a code, for a failure found by checking (a short write) rather than reported by the OS. */
export function codedError(code: string, message: string): NodeJS.ErrnoException {
  return Object.assign(new Error(message), { code });
}

/**
 * A file-system error from any call that no code above it described: one line from the path and
 * the system call Node records, so that no failure of the disk reaches the learner as a stack trace.
 * Undefined for anything else (a bug keeps its stack).
 */
export function systemFileError(error: unknown): CrssError | undefined {
  const { code, path, syscall } = (error ?? {}) as NodeJS.ErrnoException;
  if (typeof code !== 'string' || typeof path !== 'string' || REASONS[code] === undefined) return undefined;
  const doing = DOING[syscall ?? ''] ?? 'use';
  return fileError(error, path, doing) as CrssError;
}
