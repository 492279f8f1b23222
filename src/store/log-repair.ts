/**
 * Repairs of this device's own log, made under the write lock before anything is appended to it.
 * Nothing is ever deleted: a torn tail is cut only after a backup, and a log with a damaged line is
 * kept beside the new one under `<log>.corrupt-<stamp>`.
 */
import { closeSync, copyFileSync, existsSync, fsyncSync, ftruncateSync, linkSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { CrssError } from '../errors.js';
import { fsyncDir, writeFileAtomic } from './atomic-file.js';
import { createBackup } from './backups.js';
import { readLog, scanLog } from './event-log.js';
import { fileError } from './file-errors.js';
import { fileStamp } from './layout.js';
import { headerLine } from './log-line.js';

/**
 * Only the end of a log can be torn (each append is one line, synced before the next one is written);
 * this much of it is checked at every writable open: several of the longest lines (under 2 KiB).
 */
const TAIL_WINDOW = 8 * 1024;

/** Start of the first whole line within the last TAIL_WINDOW bytes (0 for a small file). */
function tailStart(path: string, size: number): number {
  if (size <= TAIL_WINDOW) return 0;
  const from = size - TAIL_WINDOW;
  const buf = Buffer.alloc(TAIL_WINDOW);
  const fd = openSync(path, 'r');
  try {
    const n = readSync(fd, buf, 0, TAIL_WINDOW, from);
    const nl = buf.subarray(0, n).indexOf(10);
    return nl === -1 ? 0 : from + nl + 1;
  } finally {
    closeSync(fd);
  }
}

export interface RepairContext {
  dataDir: string;
  device: string;
  now: Date;
  warn: (message: string) => void;
}

/**
 * Makes the own log end cleanly. Reads only its tail, so the cost does not grow with the history.
 * Damage further back is found when those bytes are read (see rewriteIntact).
 */
export function repairOwnLog(path: string, ctx: RepairContext): void {
  if (!existsSync(path)) return;
  const size = statSync(path).size;
  const tail = readLog(path, tailStart(path, size));
  if (tail.damaged.length > 0) rewriteIntact(path, ctx);
  else if (tail.torn) cutTornTail(path, tail.end, size, ctx);
}

function cutTornTail(path: string, end: number, size: number, ctx: RepairContext): void {
  const backup = createBackup(ctx.dataDir, 'torn-log', ctx.now);
  try {
    const fd = openSync(path, 'r+');
    try {
      ftruncateSync(fd, end);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    throw fileError(error, path, 'write', 'nothing was changed');
  }
  ctx.warn(`${path}: cut ${size - end} bytes of an incomplete last line (a save interrupted by a crash); the file before the cut is in backup ${backup}`);
}

/** Keeps a log with damaged lines aside, unchanged, and replaces it with every intact line, byte for byte. */
export function rewriteIntact(path: string, ctx: RepairContext): void {
  const kept: Buffer[] = [];
  const damaged: number[] = [];
  let events = 0;
  let header = false;
  scanLog(path, 0, 1, (line) => {
    if (line.verdict !== 'intact') {
      damaged.push(line.number);
      return;
    }
    if (line.number === 1 && line.decoded.kind === 'header') header = true;
    if (line.decoded.kind === 'event') events++;
    kept.push(Buffer.concat([line.bytes, Buffer.from('\n')]));
  });
  if (damaged.length > Math.max(1, events)) {
    // More damage than history: more likely a wrong file than a few bad sectors. Leave it for the learner.
    throw new CrssError(
      `${path}: ${damaged.length} of ${damaged.length + kept.length} lines are damaged, so crss left it unchanged; restore a backup (crss backup list) or move the file away`,
    );
  }
  if (!header) kept.unshift(Buffer.from(headerLine(ctx.device)));

  let aside = `${path}.corrupt-${fileStamp(ctx.now)}`;
  for (let n = 2; existsSync(aside); n++) aside = `${path}.corrupt-${fileStamp(ctx.now)}-${n}`;
  try {
    // A hard link keeps the original bytes under the new name at no cost; the rename below then
    // swaps in the new log, so there is never a moment without a log.
    linkSync(path, aside);
  } catch {
    try {
      copyFileSync(path, aside);
      const fd = openSync(aside, 'r');
      fsyncSync(fd);
      closeSync(fd);
    } catch (error) {
      rmSync(aside, { force: true }); // a partial copy (a full disk) is no copy
      throw fileError(error, aside, 'write', 'nothing was changed');
    }
  }
  try {
    writeFileAtomic(path, Buffer.concat(kept));
  } catch (error) {
    // The log is unchanged (a full disk, say): a second name for it would only confuse the next repair.
    rmSync(aside, { force: true });
    fsyncDir(dirname(path));
    throw error;
  }
  fsyncDir(dirname(path));
  const list = damaged.length > 5 ? `${damaged.slice(0, 5).join(', ')}, ...` : damaged.join(', ');
  ctx.warn(`${path}: damaged line${damaged.length === 1 ? '' : 's'} ${list}; the original is kept as ${aside} and the log now holds the ${events} intact event${events === 1 ? '' : 's'}`);
}
