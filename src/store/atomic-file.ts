/**
 * Replacing a whole file (config, snapshot, a repaired log) so that a crash, a full disk or a read-only
 * folder never leaves a damaged or truncated file: write a flushed temp file, check its size, rename
 * it over the old one, sync the folder. On failure the old file is untouched and the temp file removed.
 */
import { closeSync, existsSync, fsyncSync, lstatSync, mkdirSync, openSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { codedError, errorCode, fileError } from './file-errors.js';
import { LINK_REASON, RefusedFile } from './safe-open.js';
import { CrssError } from '../errors.js';

/** Makes a rename or a new file in `dir` durable. */
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

/**
 * Creates `dir` and its missing parents one level at a time, each made durable in its parent. (A
 * recursive mkdir reports ENOENT for the deepest folder when the real problem, say a read-only disk,
 * is higher up; one level at a time reports the real one.)
 */
export function makeDir(dir: string, { mayBeLink = false } = {}): void {
  const missing: string[] = [];
  // Folders inside the data folder are never links (the data folder itself may be one): writing into a
  // linked logs/ or backups/ would put files wherever the link points.
  const leaf = lstatSync(dir, { throwIfNoEntry: false });
  if (leaf?.isSymbolicLink() && !mayBeLink) throw new RefusedFile(dir, LINK_REASON);
  if (leaf && !leaf.isSymbolicLink() && !leaf.isDirectory()) throw new CrssError(`${dir} is a file, not a folder; move it away so that crss can make the folder there`);
  if (leaf) return;
  for (let d = resolve(dir); !existsSync(d); d = dirname(d)) {
    missing.unshift(d);
    if (dirname(d) === d) break;
  }
  for (const d of missing) {
    try {
      mkdirSync(d);
    } catch (error) {
      if (errorCode(error) === 'EEXIST') continue; // made meanwhile by someone else
      throw fileError(error, d, 'create');
    }
    fsyncDir(dirname(d));
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Not there: nothing to clean up.
  }
}

export function writeFileAtomic(path: string, data: string | Buffer): void {
  // The rename would replace a link rather than write through it, but a link there was put by someone
  // for a reason: say so instead of silently undoing it.
  if (lstatSync(path, { throwIfNoEntry: false })?.isSymbolicLink()) throw new RefusedFile(path, LINK_REASON);
  const tmp = `${path}.tmp-${process.pid}`;
  const bytes = typeof data === 'string' ? Buffer.from(data) : data;
  removeQuietly(tmp); // left by an earlier crash of a process with this pid
  try {
    // flush: Node >= 20.10 retries short writes and fsyncs before closing.
    writeFileSync(tmp, bytes, { flag: 'wx', flush: true });
    const size = statSync(tmp).size;
    if (size !== bytes.length) throw codedError('ENOSPC', `wrote ${size} of ${bytes.length} bytes`);
    renameSync(tmp, path);
  } catch (error) {
    removeQuietly(tmp);
    throw fileError(error, path, 'write', 'nothing was changed');
  }
  fsyncDir(dirname(path));
}
