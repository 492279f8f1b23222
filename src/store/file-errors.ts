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
  EIO: 'the disk reported an input/output error',
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
  const reason = REASONS[errorCode(error) ?? ''];
  if (reason !== undefined) return new CrssError(`cannot ${doing} ${path}: ${reason}${outcome ? `; ${outcome}` : ''}`);
  return error instanceof Error ? error : new Error(String(error));
}

/** An error with a code, for a failure found by checking (a short write) rather than reported by the OS. */
export function codedError(code: string, message: string): NodeJS.ErrnoException {
  return Object.assign(new Error(message), { code });
}
