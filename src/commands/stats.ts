/** `crss stats`: what the history says. Read-only: works while a session holds the data folder. */
import { printErr, printOut, type Context } from '../context.js';
import { isDue } from '../core/history.js';
import { deviceId } from '../store/device.js';
import { openStore } from '../store/store.js';

export function stats(ctx: Context, options: { json?: boolean }): number {
  const now = ctx.now();
  const store = openStore({ dataDir: ctx.env.dataDir, device: deviceId(ctx.env), mode: 'read', now: ctx.now, warn: (m) => printErr(ctx, `crss: ${m}`) });
  try {
    const records = [...store.state.cards.values()].filter((r) => r.schedule !== null);
    const summary = {
      reviews: store.state.reviewCount,
      cards: records.length,
      due: records.filter((r) => isDue(r, now)).length,
    };
    if (options.json) printOut(ctx, JSON.stringify(summary, null, 2));
    else printOut(ctx, `Reviews: ${summary.reviews}\nCards studied: ${summary.cards}\nDue now: ${summary.due}`);
    return 0;
  } finally {
    store.close();
  }
}
