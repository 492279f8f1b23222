/** `crss optimize`: fit personal FSRS parameters to your history; adopt them only if they predict it better. */
import { printErr, printOut, type Context } from '../context.js';
import { formerKeysOf } from '../core/former-keys.js';
import { MIN_REVIEWS_TO_OPTIMIZE, reviewSequences, shouldAdopt } from '../core/optimize.js';
import { loadUsableDecks } from '../deck/library.js';
import { DEFAULT_WEIGHTS } from '../scheduler/fsrs.js';
import { loadOptimizer } from '../scheduler/optimizer.js';
import { createBackup } from '../store/backups.js';
import { readConfig, writeConfig } from '../store/config-file.js';
import { deviceId } from '../store/device.js';
import { openStore } from '../store/store.js';
import { loadSettings } from './config.js';

export async function optimize(ctx: Context, options: { json?: boolean }): Promise<number> {
  const warn = (m: string) => printErr(ctx, `crss: ${m}`);
  // The decks only for their renamed cards: a card's reviews under its former ids are one sequence with its own.
  const decks = await loadUsableDecks(ctx.env, warn);
  const store = openStore({ dataDir: ctx.env.dataDir, device: deviceId(ctx.env), mode: 'read', now: ctx.now, warn, formerKeys: formerKeysOf(decks) });
  let history;
  try {
    history = reviewSequences(store.events());
  } finally {
    store.close();
  }
  const report = (result: Record<string, unknown>, text: string) => {
    if (options.json) printOut(ctx, JSON.stringify(result, null, 2));
    else printOut(ctx, text);
    return 0;
  };
  if (history.reviews < MIN_REVIEWS_TO_OPTIMIZE) {
    return report(
      { adopted: false, reviews: history.reviews, reason: 'too-little-history' },
      `Not enough history to optimize: ${history.reviews} reviews; at least ${MIN_REVIEWS_TO_OPTIMIZE} are needed for a fit better than the defaults. Nothing changed.`,
    );
  }
  const optimizer = await loadOptimizer();
  const settings = loadSettings(ctx.env.dataDir);
  const current = settings.weights ?? [...DEFAULT_WEIGHTS];
  printErr(ctx, `Fitting FSRS parameters to ${history.reviews} reviews...`);
  const fitted = await optimizer.fit(history.sequences);
  const currentLoss = optimizer.logLoss(current, history.sequences);
  const fittedLoss = optimizer.logLoss(fitted, history.sequences);
  const adopt = shouldAdopt(currentLoss, fittedLoss);
  const which = settings.weights ? 'your current parameters' : 'the default parameters';
  if (adopt) {
    createBackup(ctx.env.dataDir, 'optimize', ctx.now());
    writeConfig(ctx.env.dataDir, { ...readConfig(ctx.env.dataDir), 'fsrs-weights': fitted });
  }
  return report(
    { adopted: adopt, reviews: history.reviews, currentLogLoss: currentLoss, fittedLogLoss: fittedLoss, parameters: adopt ? fitted : current },
    [
      `Log loss on your ${history.reviews} reviews (lower predicts better):`,
      `  ${which}: ${currentLoss.toFixed(4)}`,
      `  fitted parameters: ${fittedLoss.toFixed(4)}`,
      adopt ? 'Adopted the fitted parameters; future intervals use them.' : `Kept ${which}: the fit does not predict your history better.`,
    ].join('\n'),
  );
}
