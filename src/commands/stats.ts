/** `crss stats`: progress and exam readiness. Read-only: works while a session holds the data folder. */
import { printErr, printOut, stdoutColors, type Context } from '../context.js';
import { selectCards } from '../core/catalog.js';
import type { CardKey } from '../core/events.js';
import { formerKeysOf } from '../core/former-keys.js';
import { isDue } from '../core/history.js';
import { computeStats, type CardView } from '../core/stats.js';
import { loadUsableDecks } from '../deck/library.js';
import { formatStats } from '../format/stats.js';
import { createScheduler } from '../scheduler/fsrs.js';
import { deviceId } from '../store/device.js';
import { openStore } from '../store/store.js';
import { examDateOf, loadSettings } from './config.js';

export interface StatsOptions {
  topic?: string[];
  json?: boolean;
  examDate?: string;
  plain?: boolean;
}

export async function stats(ctx: Context, options: StatsOptions): Promise<number> {
  const now = ctx.now();
  const warn = (m: string) => printErr(ctx, `crss: ${m}`);
  const settings = loadSettings(ctx.env.dataDir);
  const exam = examDateOf(options.examDate, settings, ctx.now());
  const decks = await loadUsableDecks(ctx.env, warn);
  const cards = selectCards(decks, { topics: options.topic });
  const store = openStore({ dataDir: ctx.env.dataDir, device: deviceId(ctx.env), mode: 'read', now: ctx.now, warn, formerKeys: formerKeysOf(decks) });
  try {
    const records = new Map<CardKey, CardView>();
    for (const [key, r] of store.state.cards) records.set(key, { schedule: r.schedule, suspended: r.suspended, due: isDue(r, now), missed: r.quizWrongAt !== undefined && r.suspended === false });
    const scheduler = createScheduler({ retention: settings.retention, maxIntervalDays: settings.maxInterval, fuzz: false, ...(settings.weights ? { weights: settings.weights } : {}) });
    const result = computeStats({
      cards,
      records,
      events: store.events(),
      now,
      desiredRetention: settings.retention,
      retrievability: (s, when) => scheduler.retrievability(s, when),
      ...(exam ? { examDate: exam.day } : {}),
    });
    if (options.json) printOut(ctx, JSON.stringify(result, null, 2));
    else printOut(ctx, formatStats(result, now, await stdoutColors(ctx, options.plain)));
    return 0;
  } finally {
    store.close();
  }
}
