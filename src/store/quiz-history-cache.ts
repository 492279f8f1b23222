/**
 * Past quizzes from every device's log, through a derived cache in the cache folder: reading 1,000
 * attempts' answers from the logs at every `crss quiz history` would cost more than Node's start-up.
 * The cache is keyed by each log's name, size and modification time, so any change to a log (an
 * answer appended, another machine's log synced in, a restore) rebuilds it. Only a cache: safe to delete,
 * and a cache that cannot be read or written is simply rebuilt.
 */
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crcHex } from '../core/crc32.js';
import type { QuizEvent } from '../core/events.js';
import { quizAttempts, type QuizAttempt } from '../core/quiz-history.js';
import { checkLogHeader, readLog, skippedLinesWarning } from './event-log.js';
import { layout, logFiles } from './layout.js';

/** Bump when QuizAttempt or quizAttempts() changes, so caches made before are rebuilt. */
const CACHE_FORMAT = 1;

interface CacheFile {
  key: string;
  attempts: QuizAttempt[];
}

/** Every quiz answer in the logs, in file order. */
export function readQuizAnswers(dataDir: string, warn: (message: string) => void): QuizEvent[] {
  const logsDir = layout.logsDir(dataDir);
  const answers: QuizEvent[] = [];
  for (const file of logFiles(logsDir)) {
    const path = join(logsDir, file);
    checkLogHeader(path);
    const log = readLog(path);
    const warning = skippedLinesWarning(path, log);
    if (warning) warn(warning);
    for (const e of log.events) if (e.type === 'quiz') answers.push(e);
  }
  return answers;
}

export function loadQuizAttempts(options: { dataDir: string; cacheDir: string; version: string; warn: (message: string) => void }): QuizAttempt[] {
  const { dataDir, cacheDir, version, warn } = options;
  const logsDir = layout.logsDir(dataDir);
  const files = logFiles(logsDir);
  const key = JSON.stringify([CACHE_FORMAT, version, dataDir, ...files.map((f) => fingerprint(join(logsDir, f)))]);
  // One cache per data folder (tests and --data-dir use several).
  const cacheFile = join(cacheDir, `quiz-history-${crcHex(dataDir)}.json`);
  const cached = readCache(cacheFile);
  if (cached?.key === key) return cached.attempts;
  const attempts = quizAttempts(readQuizAnswers(dataDir, warn));
  try {
    mkdirSync(cacheDir, { recursive: true });
    const tmp = `${cacheFile}.${process.pid}`;
    writeFileSync(tmp, JSON.stringify({ key, attempts } satisfies CacheFile));
    renameSync(tmp, cacheFile);
  } catch {
    // Only a cache: the next run reads the logs again.
  }
  return attempts;
}

function fingerprint(path: string): [string, number, number] {
  const s = statSync(path);
  return [path, s.size, s.mtimeMs];
}

function readCache(file: string): CacheFile | undefined {
  try {
    const value = JSON.parse(readFileSync(file, 'utf8')) as Partial<CacheFile>;
    return typeof value.key === 'string' && Array.isArray(value.attempts) ? (value as CacheFile) : undefined;
  } catch {
    return undefined;
  }
}
