/** `crss decks` and `crss topics`: what is loaded, for people and (with --json) for scripts. */
import { printOut, stdoutColors, type Context } from '../context.js';
import { summarizeDecks, summarizeTopics } from '../core/catalog.js';
import { loadUsableDecks } from '../deck/library.js';
import { formatDecks, formatTopics } from '../format/catalog.js';
import { displayPath } from '../format/problems.js';
import { printErr } from '../context.js';

export function listDecks(ctx: Context, options: { json?: boolean }): number {
  const decks = summarizeDecks(loadUsableDecks(ctx.env, (line) => printErr(ctx, `crss: ${line}`)));
  if (options.json) printOut(ctx, JSON.stringify(decks, null, 2));
  else printOut(ctx, formatDecks(decks, stdoutColors(ctx), (f) => displayPath(f, process.cwd())));
  return 0;
}

export function listTopics(ctx: Context, options: { json?: boolean }): number {
  const topics = summarizeTopics(loadUsableDecks(ctx.env, (line) => printErr(ctx, `crss: ${line}`)));
  if (options.json) printOut(ctx, JSON.stringify(topics, null, 2));
  else printOut(ctx, formatTopics(topics, stdoutColors(ctx)));
  return 0;
}
