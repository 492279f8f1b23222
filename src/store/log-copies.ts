/**
 * Sync tools' copies of this machine's own log (core/log-copies.ts), folded back into it when this
 * machine next writes: every event the copy holds that the log does not is appended (ids decide, so
 * nothing counts twice), then the copy is removed. A backup holding the copy is made first. Copies of
 * other machines' logs are only read (their events merged, each once) until their owner folds them.
 */
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { logCopyOf, type LogCopy } from '../core/log-copies.js';
import { fsyncDir } from './atomic-file.js';
import { createBackup } from './backups.js';
import { checkLogHeader, readLog, type LogWriter } from './event-log.js';
import { errorCode } from './file-errors.js';

/** The copies of `device`'s log among `files` in logs/. Only files whose name starts with the device id have their header read. */
function ownCopies(logsDir: string, files: string[], device: string): { file: string; copy: LogCopy }[] {
  const found: { file: string; copy: LogCopy }[] = [];
  for (const file of files) {
    if (file === `${device}.jsonl` || !file.startsWith(device)) continue;
    let header: string | undefined;
    try {
      header = checkLogHeader(join(logsDir, file))?.device;
    } catch (error) {
      if (errorCode(error) !== undefined) continue; // unreadable: the reader warns about it
      throw error;
    }
    const copy = logCopyOf(file, header);
    if (copy?.device === device) found.push({ file, copy });
  }
  return found;
}

export interface FoldContext {
  dataDir: string;
  logsDir: string;
  device: string;
  ownPath: string;
  now: Date;
  warn: (message: string) => void;
}

/**
 * Folds every copy of the own log among `files` (the names in logs/, as listed at open) into it through
 * `writer` (each line synced), then removes the copy.
 */
export function foldOwnCopies(ctx: FoldContext, files: string[], writer: LogWriter): void {
  const copies = ownCopies(ctx.logsDir, files, ctx.device);
  if (copies.length === 0) return;
  const backup = createBackup(ctx.dataDir, 'conflict-copy', ctx.now);
  const have = new Set(readLog(ctx.ownPath).events.map((e) => e.id));
  for (const { file, copy } of copies) {
    const path = join(ctx.logsDir, file);
    let added = 0;
    for (const e of readLog(path).events) {
      if (have.has(e.id)) continue;
      writer.append(e);
      have.add(e.id);
      added++;
    }
    rmSync(path);
    fsyncDir(dirname(path));
    ctx.warn(`${path}: ${copy.tool} of this machine's log; added the ${added} event${added === 1 ? '' : 's'} only it held to ${ctx.ownPath} and removed it (it is kept in backup ${backup})`);
  }
}

/** What to say when a copy's events are first merged into the state, or undefined when `file` is no copy. */
export function mergedCopyNote(path: string, file: string, headerDevice: string | undefined): string | undefined {
  const copy = logCopyOf(file, headerDevice);
  return copy && `${path}: merged as ${copy.tool} of ${copy.device}'s log (each event in it counts once)`;
}
