/** `crss decks` and `crss topics`: what is loaded, for people and (with --json) for scripts. */
import { printErr, printOut, stdoutColors, type Context } from '../context.js';
import { summarizeDecks, summarizeTopics } from '../core/catalog.js';
import { loadUsableDecks } from '../deck/library.js';
import { formatDecks, formatTopics } from '../format/catalog.js';
import { displayPath } from '../format/problems.js';

export async function listDecks(ctx: Context, options: { json?: boolean }): Promise<number> {
  const decks = summarizeDecks(await loadUsableDecks(ctx.env, (line) => printErr(ctx, `crss: ${line}`)));
  if (options.json) printOut(ctx, JSON.stringify(decks, null, 2));
  else printOut(ctx, formatDecks(decks, await stdoutColors(ctx), (f) => displayPath(f, process.cwd())));
  return 0;
}

export async function listTopics(ctx: Context, options: { json?: boolean }): Promise<number> {
  const topics = summarizeTopics(await loadUsableDecks(ctx.env, (line) => printErr(ctx, `crss: ${line}`)));
  if (options.json) printOut(ctx, JSON.stringify(topics, null, 2));
  else printOut(ctx, formatTopics(topics, await stdoutColors(ctx)));
  return 0;
}
