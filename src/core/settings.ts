/** The learner's settings (`crss config`): names, defaults, and what values are allowed. */
import { CrssError, usageError } from '../errors.js';
import { parseDay } from './day.js';

export interface Settings {
  retention: number;
  newPerDay: number;
  reviewsPerDay: number;
  maxInterval: number;
  examDate?: string;
  /** Deck folders kept between runs (`crss config set decks DIR[:DIR]`), absolute, `:`-separated. */
  deckDirs?: string;
  /** Personal FSRS parameters adopted by `crss optimize` (config key `fsrs-weights`). */
  weights?: number[];
}

export const DEFAULT_SETTINGS: Settings = {
  retention: 0.9,
  newPerDay: 20,
  reviewsPerDay: 200,
  maxInterval: 365,
};

/** Keys as typed on the command line, with the field each sets. */
export const SETTING_KEYS = {
  retention: 'retention',
  'new-per-day': 'newPerDay',
  'reviews-per-day': 'reviewsPerDay',
  'max-interval': 'maxInterval',
  'exam-date': 'examDate',
  decks: 'deckDirs',
} as const satisfies Record<string, keyof Settings>;

export type SettingKey = keyof typeof SETTING_KEYS;

/** FSRS is well tested in this range; outside it workloads explode or recall collapses. */
export const RETENTION_RANGE = [0.7, 0.97] as const;

function integer(text: string, key: string, min: number, max: number): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isInteger(n) || n < min || n > max) {
    throw usageError(`${key} must be a whole number from ${min} to ${max}, not '${text}'`);
  }
  return n;
}

/** Checks a value typed by the learner; returns what to store (undefined clears the setting). */
export function parseSetting(key: SettingKey, text: string): number | string | undefined {
  switch (key) {
    case 'retention': {
      const n = Number(text);
      if (text.trim() === '' || !Number.isFinite(n) || n < RETENTION_RANGE[0] || n > RETENTION_RANGE[1]) {
        throw usageError(`retention must be a number from ${RETENTION_RANGE[0]} to ${RETENTION_RANGE[1]} (e.g. 0.9), not '${text}'`);
      }
      return n;
    }
    case 'new-per-day':
      return integer(text, key, 0, 9999);
    case 'reviews-per-day':
      return integer(text, key, 0, 99999);
    case 'max-interval':
      return integer(text, key, 1, 36500);
    case 'exam-date':
      if (text === 'none' || text === '') return undefined;
      if (!parseDay(text)) throw usageError(`exam-date must be a date as YYYY-MM-DD (or 'none'), not '${text}'`);
      return text;
    case 'decks': {
      // The folders are checked and made absolute by the command, which may touch the disk.
      const dirs = text.split(':').filter((d) => d !== '');
      return text === 'none' || dirs.length === 0 ? undefined : dirs.join(':');
    }
  }
}

/** Parameter counts ts-fsrs accepts: FSRS 4, 5 and 6. */
export const WEIGHT_COUNTS = [17, 19, 21] as const;

/**
 * Settings from a stored config object (`where` names it in messages). A value that is not valid is
 * an error naming the key, whether crss or a hand edit put it there: silently studying with another
 * retention or the default parameters would be worse than stopping.
 */
export function settingsFrom(stored: Record<string, unknown>, where = 'config'): Settings {
  const out: Settings = { ...DEFAULT_SETTINGS };
  for (const [key, field] of Object.entries(SETTING_KEYS)) {
    const value = stored[key];
    if (value === undefined || value === null) continue;
    let parsed: ReturnType<typeof parseSetting>;
    try {
      parsed = parseSetting(key as SettingKey, typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value));
    } catch (error) {
      throw new CrssError(`${where}: ${error instanceof Error ? error.message : String(error)}; set it again (crss config set ${key} VALUE)`);
    }
    if (parsed !== undefined) (out as unknown as Record<string, unknown>)[field] = parsed;
  }
  const weights = stored['fsrs-weights'];
  if (weights !== undefined && weights !== null) {
    const finite = (w: unknown) => typeof w === 'number' && Number.isFinite(w);
    const problem = !Array.isArray(weights)
      ? 'it is not a list'
      : !weights.every(finite)
        ? 'not all of them are finite numbers'
        : !(WEIGHT_COUNTS as readonly number[]).includes(weights.length)
          ? `it has ${weights.length}`
          : undefined;
    if (problem !== undefined) {
      throw new CrssError(`${where}: "fsrs-weights" must be a list of 17, 19 or 21 finite numbers (${problem}); remove the key to use the default parameters, or run crss optimize`);
    }
    out.weights = weights as number[];
  }
  return out;
}
