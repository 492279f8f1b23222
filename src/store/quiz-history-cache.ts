/**
 * Past quizzes from every device's log, through a derived cache in the cache folder: reading 1,000
 * attempts' answers from the logs at every `crss quiz history` would cost more than Node's start-up.
 * The attempts are keyed by each log's name, size and modification time, so any change to a log (an
 * answer appended, another machine's log synced in, a restore) recomputes them, reading each log only
 * past what was read before when it only grew. Only a cache: safe to delete, and a cache that cannot be
 * read or written is simply rebuilt.
 */
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crcHex } from '../core/crc32.js';
import type { QuizEvent } from '../core/events.js';
import { quizAttempts, type QuizAttempt } from '../core/quiz-history.js';
import { checkLogHeader, readLog, skippedLinesWarning } from './event-log.js';
import { layout, logFiles } from './layout.js';
import { markLog, markMatches, type LogMark } from './snapshot.js';

/** Bump when QuizAttempt, quizAttempts() or the files below change, so caches made before are rebuilt. */
const CACHE_FORMAT = 2;

/** The small file read on every run: the attempts, and the logs' fingerprints they were made from. */
interface AttemptsFile {
  key: string;
  attempts: QuizAttempt[];
}

/**
 * The larger file read only when a log has changed: every log's quiz answers and how far they were read,
 * so that a log that only grew is read from where it was left (a history of 200,000 reviews takes
 * seconds to read in full).
 */
interface AnswersFile {
  key: string;
  logs: Record<string, { mark: LogMark; answers: QuizEvent[] }>;
}

export interface QuizHistoryOptions {
  dataDir: string;
  cacheDir: string;
  version: string;
  warn: (message: string) => void;
}

export function loadQuizAttempts(options: QuizHistoryOptions): QuizAttempt[] {
  const { dataDir, cacheDir, version } = options;
  const logsDir = layout.logsDir(dataDir);
  const files = logFiles(logsDir);
  const base = JSON.stringify([CACHE_FORMAT, version, dataDir]);
  const key = JSON.stringify([base, ...files.map((f) => fingerprint(join(logsDir, f)))]);
  // One cache per data folder (tests and --data-dir use several).
  const stem = join(cacheDir, `quiz-history-${crcHex(dataDir)}`);
  const cached = readJson<AttemptsFile>(`${stem}.json`);
  if (cached?.key === key && Array.isArray(cached.attempts)) return cached.attempts;
  const previous = readJson<AnswersFile>(`${stem}-answers.json`);
  const logs = readAnswers(options, files, previous?.key === base && typeof previous.logs === 'object' && previous.logs !== null ? previous.logs : {});
  const attempts = quizAttempts(Object.values(logs).flatMap((l) => l.answers));
  try {
    mkdirSync(cacheDir, { recursive: true });
    writeCache(`${stem}-answers.json`, { key: base, logs } satisfies AnswersFile);
    writeCache(`${stem}.json`, { key, attempts } satisfies AttemptsFile);
  } catch {
    // Only a cache: the next run reads the logs again.
  }
  return attempts;
}

/** Each log's quiz answers: from where `known` left it when the log only grew since, else from its start. */
function readAnswers(options: QuizHistoryOptions, files: string[], known: AnswersFile['logs']): AnswersFile['logs'] {
  const logsDir = layout.logsDir(options.dataDir);
  const logs: AnswersFile['logs'] = {};
  for (const file of files) {
    const path = join(logsDir, file);
    checkLogHeader(path);
    const before = known[file];
    const resume = before !== undefined && Array.isArray(before.answers) && isMark(before.mark) && markMatches(path, before.mark);
    const log = resume ? readLog(path, before.mark.offset, before.mark.lines) : readLog(path);
    const warning = skippedLinesWarning(path, log);
    if (warning) options.warn(warning);
    const answers = resume ? [...before.answers] : [];
    for (const e of log.events) if (e.type === 'quiz') answers.push(e);
    logs[file] = { mark: markLog(path, log.end, log.lines), answers };
  }
  return logs;
}

function isMark(v: unknown): v is LogMark {
  const m = v as Partial<LogMark> | null;
  return typeof m === 'object' && m !== null && Number.isInteger(m.offset) && Number.isInteger(m.lines) && typeof m.header === 'string' && typeof m.tail === 'string';
}

function fingerprint(path: string): [string, number, number] {
  const s = statSync(path);
  return [path, s.size, s.mtimeMs];
}

function readJson<T>(file: string): Partial<T> | undefined {
  try {
    const value = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    return typeof value === 'object' && value !== null ? (value as Partial<T>) : undefined;
  } catch {
    return undefined;
  }
}

function writeCache(file: string, value: unknown): void {
  const tmp = `${file}.${process.pid}`;
  writeFileSync(tmp, JSON.stringify(value));
  renameSync(tmp, file);
}
