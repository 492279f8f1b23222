/** `crss` with no command: a short dashboard of today, and what to run next. Read-only. */
import { printErr, printOut, stdoutColors, type Context } from '../context.js';
import { selectForStudy } from '../core/catalog.js';
import { dashboardOf } from '../core/dashboard.js';
import { parseDay } from '../core/day.js';
import { formerKeysOf } from '../core/former-keys.js';
import { usedToday } from '../core/study-plan.js';
import { loadUsableDecks } from '../deck/library.js';
import { formatDashboard } from '../format/dashboard.js';
import { deviceId } from '../store/device.js';
import { loadQuizAttempts } from '../store/quiz-history-cache.js';
import { openStore } from '../store/store.js';
import { loadSettings } from './config.js';

export async function dashboard(ctx: Context): Promise<number> {
  const now = ctx.now();
  const warn = (m: string) => printErr(ctx, `crss: ${m}`);
  const settings = loadSettings(ctx.env.dataDir);
  // A configured exam date that has passed is shown as passed, not refused: the dashboard is where to see it.
  const day = settings.examDate === undefined ? undefined : parseDay(settings.examDate);
  const exam = settings.examDate !== undefined && day ? { text: settings.examDate, day } : undefined;
  const decks = await loadUsableDecks(ctx.env, warn);
  const selection = selectForStudy(decks, {});
  const store = openStore({ dataDir: ctx.env.dataDir, device: deviceId(ctx.env), mode: 'read', now: ctx.now, warn, formerKeys: formerKeysOf(decks) });
  try {
    const records = store.state.cards;
    const result = dashboardOf({
      briefs: records.briefsOf(selection.keys, selection.joined),
      newLeft: settings.newPerDay - usedToday(records, now).introduced,
      attempts: loadQuizAttempts({ dataDir: ctx.env.dataDir, cacheDir: ctx.env.cacheDir, version: ctx.env.version, warn }),
      ...(exam ? { exam } : {}),
      now,
    });
    printOut(ctx, formatDashboard(result, await stdoutColors(ctx)));
    return 0;
  } finally {
    store.close();
  }
}
