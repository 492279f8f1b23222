/** Looking after the data folder: backups, pruning orphaned history, unsuspending cards. */
import { printErr, printOut, type Context } from '../context.js';
import { currentKey, formerKeysOf, type FormerKeys } from '../core/former-keys.js';
import { isForgotten } from '../core/history.js';
import { loadLibrary, loadUsableDecks } from '../deck/library.js';
import { CrssError, usageError } from '../errors.js';
import { createBackup, eventsLostByRestore, listBackups, restoreBackup, type RestoreSummary } from '../store/backups.js';
import { formatBackupList, formatRestore, formatRestorePreview } from '../format/backups.js';
import { deviceId } from '../store/device.js';
import { openStore } from '../store/store.js';
import { sanitizeLine } from '../terminal/sanitize.js';
import { confirmAction } from '../terminal/prompts.js';
import { randomHex } from '../core/random.js';

/** `formerKeys`: renamed cards' history under their current keys (and so not orphaned). */
function openForWrite(ctx: Context, formerKeys?: FormerKeys) {
  const device = deviceId(ctx.env);
  const store = openStore({ dataDir: ctx.env.dataDir, device, mode: 'write', now: ctx.now, warn: (m) => printErr(ctx, `crss: ${m}`), ...(formerKeys ? { formerKeys } : {}) });
  const session = randomHex(8);
  let seq = 0;
  return { store, device, eventBase: () => ({ id: `${device}-${session}-${++seq}`, time: ctx.now().toISOString(), session }) };
}

export function backupList(ctx: Context, options: { json?: boolean }): number {
  const backups = listBackups(ctx.env.dataDir);
  if (options.json) printOut(ctx, JSON.stringify(backups, null, 2));
  else if (backups.length === 0) printOut(ctx, 'No backups yet.');
  else printOut(ctx, formatBackupList(backups));
  return 0;
}

export async function backupRestore(ctx: Context, id: string, options: { yes?: boolean }): Promise<number> {
  const backup = listBackups(ctx.env.dataDir).find((b) => b.id === id);
  // Before asking: what the backup holds and what the present has that it lacks.
  if (backup) printOut(ctx, formatRestorePreview(backup, eventsLostByRestore(ctx.env.dataDir, id, deviceId(ctx.env))));
  if (!(await confirmAction(ctx, `Restore backup ${id}?`, `restore backup ${id}`, options))) return 0;
  // Holding the write lock keeps a running session from writing while its files are replaced.
  const { store, device } = openForWrite(ctx);
  let summary: RestoreSummary;
  try {
    summary = restoreBackup(ctx.env.dataDir, id, ctx.now(), device);
  } finally {
    store.close();
  }
  printOut(ctx, formatRestore(id, summary));
  return 0;
}

/** Forgets the history of cards whose id no longer exists in any deck. Refuses while a deck fails to load. */
export async function prune(ctx: Context, options: { dryRun?: boolean; yes?: boolean }): Promise<number> {
  const loaded = await loadLibrary(ctx.env);
  const broken = [...new Set(loaded.problems.filter((p) => p.severity === 'error').map((p) => p.file))];
  if (broken.length > 0) {
    throw new CrssError(`not pruning while ${broken.length} deck file${broken.length === 1 ? '' : 's'} fail${broken.length === 1 ? 's' : ''} to load (${broken.join(', ')}): their cards would look orphaned; run crss validate`);
  }
  const known = new Set(loaded.decks.flatMap((d) => d.cards.map((c) => c.key)));
  const { store, eventBase } = openForWrite(ctx, formerKeysOf(loaded.decks));
  try {
    // Forgotten cards stay in the state (so that late events from other machines stay forgotten).
    const orphans = [...store.state.cards].filter(([key, record]) => !known.has(key) && !isForgotten(record)).map(([key]) => key).sort();
    if (orphans.length === 0) {
      printOut(ctx, 'No orphaned history: every card with history is in a loaded deck.');
      return 0;
    }
    const cards = `${orphans.length} card${orphans.length === 1 ? '' : 's'}`;
    // What is listed is only a candidate until the learner says yes: nothing may read as done before.
    printOut(ctx, `History of ${cards} in no loaded deck:`);
    for (const key of orphans) printOut(ctx, `  ${sanitizeLine(key)}`);
    if (options.dryRun) {
      printOut(ctx, 'Nothing forgotten (--dry-run).');
      return 0;
    }
    if (!(await confirmAction(ctx, `Forget the history of ${cards}?`, 'forget them', options))) {
      printOut(ctx, 'Nothing forgotten.');
      return 0;
    }
    createBackup(ctx.env.dataDir, 'prune', ctx.now());
    for (const card of orphans) store.append({ type: 'forget', ...eventBase(), card });
    printOut(ctx, `Forgot the history of ${cards} (a backup was made first).`);
    return 0;
  } finally {
    store.close();
  }
}

export async function unsuspend(ctx: Context, keys: string[]): Promise<number> {
  // The decks only for their renamed cards: a suspension recorded under a card's former key is its own.
  const decks = await loadUsableDecks(ctx.env, (line) => printErr(ctx, `crss: ${line}`));
  const formerKeys = formerKeysOf(decks);
  const { store, eventBase } = openForWrite(ctx, formerKeys);
  try {
    for (const given of keys) {
      const key = currentKey(formerKeys, given);
      const record = store.state.cards.get(key);
      if (!record) throw usageError(`no history for card '${sanitizeLine(key)}' (cards are named deck/id)`);
      if (record.suspended === false) {
        printOut(ctx, `${sanitizeLine(key)} is not suspended.`);
        continue;
      }
      store.append({ type: 'unsuspend', ...eventBase(), card: key });
      // Said only when it took: the event's stamp is above every one read, so it should always win.
      if (store.state.cards.get(key)?.suspended !== false) throw new Error(`${key} is still suspended after its unsuspend event`);
      printOut(ctx, `Unsuspended ${sanitizeLine(key)}.`);
    }
    return 0;
  } finally {
    store.close();
  }
}
