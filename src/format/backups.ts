/** `crss backup list` and the preview before a restore: what each backup holds, in 80 columns. */
import { formatDateTime } from '../core/day.js';
import type { BackupInfo, LogsSummary, RestoreSummary } from '../store/backups.js';
import { sanitizeLine } from '../terminal/sanitize.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const latestOf = (s: LogsSummary) => (s.latest === undefined ? 'none' : formatDateTime(new Date(s.latest)));

export function formatBackupList(backups: BackupInfo[]): string {
  const idWidth = Math.max('BACKUP'.length, ...backups.map((b) => b.id.length));
  const row = (id: string, reviews: string, quiz: string, latest: string) => `${id.padEnd(idWidth)}  ${reviews.padStart(7)}  ${quiz.padStart(4)}  ${latest}`;
  return [row('BACKUP', 'REVIEWS', 'QUIZ', 'LATEST EVENT'), ...backups.map((b) => row(b.id, String(b.reviews), String(b.quizAnswers), latestOf(b)))].join('\n');
}

/**
 * What restoring `backup` brings back, and what it takes away: the events of this machine's log that no
 * log would hold after it (`lost`, from eventsLostByRestore). Other machines' logs are never rolled back,
 * so that is all it can take away; the text says so rather than claim more was checked.
 */
export function formatRestorePreview(backup: BackupInfo, lost: LogsSummary): string {
  const lines = [`Backup ${backup.id} (${backup.reason}, taken ${backup.time}) holds`, `${plural(backup.reviews, 'review')} and ${plural(backup.quizAnswers, 'quiz answer')}, the latest event ${latestOf(backup)}.`];
  if (lost.events === 0) {
    lines.push("Restoring it loses nothing: every event of this machine's log stays in a log,", "and other machines' logs are kept as they are.");
  } else {
    const others = lost.events - lost.reviews - lost.quizAnswers;
    lines.push(
      `Restoring it undoes ${plural(lost.reviews, 'review')}, ${plural(lost.quizAnswers, 'quiz answer')} and ${plural(others, 'other event')}`,
      `made on this machine since (the latest ${latestOf(lost)});`,
      "a before-restore backup keeps them. Other machines' logs are kept as they are.",
    );
  }
  return lines.join('\n');
}

/** What a restore did: the files it put back, and the other machines' logs it left as they are. */
export function formatRestore(id: string, { before, restored, removed, kept }: RestoreSummary): string {
  const files = (names: string[]) => names.map((n) => (n === 'config.json' ? n : `logs/${n}`)).join(', ');
  const lines = [`Restored backup ${sanitizeLine(id)}: ${restored.length > 0 ? sanitizeLine(files(restored)) : 'no file (it holds no history of this machine and no settings)'}.`];
  if (removed.length > 0) lines.push(`Removed ${sanitizeLine(files(removed))}: this machine had no history then.`);
  if (kept.length > 0) lines.push(`Kept as they are (other machines' history, which may be newer than the backup): ${sanitizeLine(files(kept))}.`);
  lines.push(`The state before the restore is in backup ${before} (crss backup list).`);
  return lines.join('\n');
}
