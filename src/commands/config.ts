/** `crss config get|set`: the learner's settings, kept in the data folder's config.json. */
import { printOut, type Context } from '../context.js';
import { unknownNameMessage } from '../core/nearest.js';
import { DEFAULT_SETTINGS, parseSetting, SETTING_KEYS, settingsFrom, type SettingKey, type Settings } from '../core/settings.js';
import { usageError } from '../errors.js';
import { dayKey, parseDay, startOfDay } from '../core/day.js';
import { configPath, readConfig, writeConfig } from '../store/config-file.js';
import { statSync } from 'node:fs';
import { resolve } from 'node:path';

const KEYS = Object.keys(SETTING_KEYS) as SettingKey[];

export function loadSettings(dataDir: string): Settings {
  return settingsFrom(readConfig(dataDir), configPath(dataDir));
}

/**
 * The exam date in force: `--exam-date`, else the configured one; `text` as given, `day` its local
 * midnight. A date before today is a usage error (readiness for a past exam means nothing, and capping
 * intervals at it would schedule nothing); the day itself is fine.
 */
export function examDateOf(option: string | undefined, settings: Settings, now: Date): { text: string; day: Date } | undefined {
  const text = option ?? settings.examDate;
  if (text === undefined) return undefined;
  const day = parseDay(text);
  if (!day) throw usageError(`--exam-date must be a date as YYYY-MM-DD, not '${text}'`);
  if (day < startOfDay(now)) {
    throw usageError(
      option !== undefined
        ? `--exam-date ${text} is in the past (today is ${dayKey(now)})`
        : `the exam date in your settings, ${text}, is in the past (today is ${dayKey(now)}); set a new one with crss config set exam-date YYYY-MM-DD, or none`,
    );
  }
  return { text, day };
}

function checkKey(key: string): SettingKey {
  if (!(KEYS as string[]).includes(key)) throw usageError(unknownNameMessage('setting', key, KEYS, 'crss config get'));
  return key as SettingKey;
}

function shown(settings: Settings, key: SettingKey): string {
  const value = settings[SETTING_KEYS[key]];
  return value === undefined ? 'none' : String(value);
}

export function configGet(ctx: Context, key: string | undefined, options: { json?: boolean }): number {
  const settings = loadSettings(ctx.env.dataDir);
  if (key !== undefined) {
    const k = checkKey(key);
    printOut(ctx, options.json ? JSON.stringify(settings[SETTING_KEYS[k]] ?? null) : shown(settings, k));
    return 0;
  }
  if (options.json) {
    printOut(ctx, JSON.stringify(Object.fromEntries(KEYS.map((k) => [k, settings[SETTING_KEYS[k]] ?? null])), null, 2));
  } else {
    for (const k of KEYS) {
      const isDefault = settings[SETTING_KEYS[k]] === DEFAULT_SETTINGS[SETTING_KEYS[k]];
      printOut(ctx, `${k} = ${shown(settings, k)}${isDefault ? ' (default)' : ''}`);
    }
  }
  return 0;
}

/** Deck folders as absolute paths (the setting is used from any folder), each one checked to exist. */
function deckFolders(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  return value
    .split(':')
    .map((dir) => {
      if (!isFolder(dir)) throw usageError(`decks: no such folder: ${dir}`);
      return resolve(dir);
    })
    .join(':');
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

export function configSet(ctx: Context, key: string, value: string): number {
  const k = checkKey(key);
  const given = parseSetting(k, value);
  const parsed = k === 'decks' ? deckFolders(given as string | undefined) : given;
  if (k === 'exam-date' && typeof parsed === 'string') {
    const day = parseDay(parsed);
    if (day && day < startOfDay(ctx.now())) throw usageError(`exam-date ${parsed} is in the past (today is ${dayKey(ctx.now())}); give the day of your exam, or none`);
  }
  const config = { ...readConfig(ctx.env.dataDir) };
  if (parsed === undefined) delete config[k];
  else config[k] = parsed;
  writeConfig(ctx.env.dataDir, config);
  printOut(ctx, `${k} = ${parsed === undefined ? 'none' : String(parsed)}`);
  return 0;
}
