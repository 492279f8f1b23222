/** The learner's settings (`crss config`): names, defaults, and what values are allowed. */
import { usageError } from '../errors.js';
import { parseDay } from './day.js';

export interface Settings {
  retention: number;
  newPerDay: number;
  reviewsPerDay: number;
  maxInterval: number;
  examDate?: string;
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
  }
}

/** Settings from a stored config object; values that are not valid fall back to the defaults. */
export function settingsFrom(stored: Record<string, unknown>): Settings {
  const out: Settings = { ...DEFAULT_SETTINGS };
  for (const [key, field] of Object.entries(SETTING_KEYS)) {
    const value = stored[key];
    if (value === undefined || value === null) continue;
    try {
      const parsed = parseSetting(key as SettingKey, String(value));
      if (parsed !== undefined) (out as unknown as Record<string, unknown>)[field] = parsed;
    } catch {
      // A hand-edited bad value is ignored here; `crss config get` shows the default in force.
    }
  }
  const weights = stored['fsrs-weights'];
  if (Array.isArray(weights) && weights.length > 0 && weights.every((w) => typeof w === 'number' && Number.isFinite(w))) out.weights = weights as number[];
  return out;
}
