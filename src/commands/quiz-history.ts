/** `crss quiz history`: every quiz and exam, newest first. Read-only: works while a session runs. */
import { printErr, printOut, stdoutColors, type Context } from '../context.js';
import { formatQuizHistory } from '../format/quiz-history.js';
import { loadQuizAttempts } from '../store/quiz-history-cache.js';

export function quizHistory(ctx: Context, options: { json?: boolean }): Promise<number> | number {
  const attempts = loadQuizAttempts({ dataDir: ctx.env.dataDir, cacheDir: ctx.env.cacheDir, version: ctx.env.version, warn: (m) => printErr(ctx, `crss: ${m}`) });
  if (options.json) {
    printOut(ctx, JSON.stringify(attempts.map(({ at, mode, filter, total, score, percent, passed, durationMs, byDomain, questions, answered }) => ({ at, mode, filter, total, score, percent, passed, durationMs, byDomain, questions, answered })), null, 2));
    return 0;
  }
  return stdoutColors(ctx).then((colors) => {
    printOut(ctx, formatQuizHistory(attempts, colors));
    return 0;
  });
}
