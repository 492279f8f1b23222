/**
 * The one adapter for @inquirer/prompts: questions asked in a terminal. Without a terminal inquirer
 * misbehaves (see pitfalls), so callers ask only when the session is interactive.
 */
import type { Context } from '../context.js';
import { Interrupted, usageError } from '../errors.js';
import { sanitizeLine } from './sanitize.js';

/** Asks yes/no in a terminal; without one, `--yes` is required so that scripts say what they mean. */
export async function confirmAction(ctx: Context, message: string, action: string, options: { yes?: boolean }): Promise<boolean> {
  if (options.yes) return true;
  if (!ctx.stdin.isTTY || !ctx.stdout.isTTY) throw usageError(`not a terminal to ask in: pass --yes to ${action}`);
  const { confirm } = await import('@inquirer/prompts');
  try {
    return await confirm({ message: sanitizeLine(message), default: false }, { input: ctx.stdin, output: ctx.stdout as NodeJS.WritableStream });
  } catch (error) {
    if (error instanceof Error && error.name === 'ExitPromptError') throw new Interrupted();
    throw error;
  }
}
