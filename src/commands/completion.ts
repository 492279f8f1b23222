/** `crss completion SHELL` prints a completion script; `crss complete-names KIND` feeds it at Tab time. */
import { printOut, type Context } from '../context.js';
import { unknownNameMessage } from '../core/nearest.js';
import { SETTING_KEYS } from '../core/settings.js';
import { loadUsableDecks } from '../deck/library.js';
import { usageError } from '../errors.js';
import { completionScript, NAME_KINDS, SHELLS, type CompletionCommand, type NameKind, type Shell } from '../format/completion.js';
import { listBackups } from '../store/backups.js';

export function completion(ctx: Context, tree: CompletionCommand, shell: string): number {
  if (!(SHELLS as readonly string[]).includes(shell)) throw usageError(unknownNameMessage('shell', shell, SHELLS, 'crss completion --help'));
  ctx.stdout.write(completionScript(shell as Shell, tree));
  return 0;
}

/** One name a line. Quiet on every failure: a Tab press must never print an error into the command line. */
export async function completeNames(ctx: Context, kind: string): Promise<number> {
  if (!(NAME_KINDS as readonly string[]).includes(kind)) return 2;
  const names = await namesOf(ctx, kind as NameKind).catch(() => []);
  if (names.length > 0) printOut(ctx, names.join('\n'));
  return 0;
}

async function namesOf(ctx: Context, kind: NameKind): Promise<string[]> {
  if (kind === 'settings') return Object.keys(SETTING_KEYS);
  if (kind === 'backups') return listBackups(ctx.env.dataDir).map((b) => b.id);
  const decks = await loadUsableDecks(ctx.env, () => {});
  if (kind === 'decks') return decks.map((d) => d.id);
  if (kind === 'cards') return decks.flatMap((d) => d.cards.map((c) => c.key));
  return [...new Set(decks.flatMap((d) => [...d.topics, ...d.cards.flatMap((c) => c.topics)]))].sort();
}
