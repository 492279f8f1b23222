/**
 * Opening files crss did not necessarily make. In a shared data folder a file may be a link planted by
 * a sync tool or another user (writing through it would overwrite whatever it points to), a FIFO that
 * blocks a read forever, or a device that never ends (`/dev/zero`). So every open here refuses a final
 * symbolic link unless told to follow it (O_NOFOLLOW), never waits on a FIFO (O_NONBLOCK), accepts
 * regular files only, checked on the open descriptor (fstat, so nothing can be swapped in between),
 * and a read checks the size cap before it reads a byte. The same open costs no extra system call
 * over a plain one but the fstat, which a read needs anyway for the size.
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { CrssError } from '../errors.js';
import { errorCode } from './file-errors.js';

/** A file crss will not open, named with the reason: a link, not a regular file, or too large. */
export class RefusedFile extends CrssError {
  constructor(
    readonly path: string,
    /** Why, without the path (for messages that name the file their own way). */
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
  }
}

const MODES = {
  read: constants.O_RDONLY,
  append: constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT,
  update: constants.O_RDWR,
} as const;

export interface OpenOptions {
  /** Follow a symbolic link (deck paths the learner named); never for files in the data folder. */
  followLinks?: boolean;
}

export const LINK_REASON = 'is a symbolic link, and crss never reads or writes its data through a link (replace the link with the file itself)';

/** What a file that is not regular is, in words; undefined for a regular file. */
export function irregularKind(stat: Stats): string | undefined {
  if (stat.isFile()) return undefined;
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a FIFO (named pipe)';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isSocket()) return 'a socket';
  if (stat.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

/** Opens a regular file, or throws RefusedFile (file-system errors are passed on as they are). */
export function openRegular(path: string, mode: keyof typeof MODES, options: OpenOptions = {}): { fd: number; stat: Stats } {
  const flags = MODES[mode] | constants.O_NONBLOCK | (options.followLinks ? 0 : constants.O_NOFOLLOW);
  let fd: number;
  try {
    fd = openSync(path, flags, 0o644);
  } catch (error) {
    // Linux says ELOOP for a link under O_NOFOLLOW, the BSDs EMLINK.
    const code = errorCode(error);
    if (!options.followLinks && (code === 'ELOOP' || code === 'EMLINK')) throw new RefusedFile(path, LINK_REASON);
    if (code === 'EISDIR') throw new RefusedFile(path, 'is a folder, not a file');
    throw error;
  }
  try {
    const stat = fstatSync(fd);
    const kind = irregularKind(stat);
    if (kind !== undefined) throw new RefusedFile(path, `is ${kind}, and crss reads and writes regular files only`);
    return { fd, stat };
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

/** Reads an open file of `size` bytes (as fstat said); stops at `maxBytes + 1` should it grow meanwhile. */
export function readOpened(fd: number, size: number, maxBytes: number): Buffer {
  const buf = Buffer.allocUnsafe(Math.min(size, maxBytes) + 1);
  let n = 0;
  for (let got = 1; got > 0 && n < buf.length; n += got) got = readSync(fd, buf, n, buf.length - n, n);
  return buf.subarray(0, n);
}

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** A whole regular file of at most `maxBytes`; larger ones are refused before anything is read. */
export function readRegular(path: string, maxBytes: number, options: OpenOptions = {}): Buffer {
  const { fd, stat } = openRegular(path, 'read', options);
  try {
    const tooLarge = () => new RefusedFile(path, `is larger than the ${mib(maxBytes)} crss reads for such a file; move it away if it is not yours`);
    if (stat.size > maxBytes) throw tooLarge();
    const bytes = readOpened(fd, stat.size, maxBytes);
    if (bytes.length > maxBytes) throw tooLarge();
    return bytes;
  } finally {
    closeSync(fd);
  }
}
