/**
 * Recognising sync tools' copies of a device's log. When a tool cannot merge two versions of a file it
 * keeps both, naming one after a pattern of its own; for crss that file is a second copy of one
 * device's log, not a new device. Tools considered, with the names they give `laptop.jsonl`:
 *   Syncthing             laptop.sync-conflict-20261203-091500-ABCDEFG.jsonl
 *   Dropbox               laptop (Ann's conflicted copy 2026-12-03).jsonl
 *   Nextcloud, ownCloud   laptop (conflicted copy 2026-12-03 091500).jsonl
 *   ownCloud (before 2.5) laptop_conflict-20261203-091500.jsonl
 *   Google Drive          laptop (1).jsonl
 *   iCloud Drive          laptop 2.jsonl
 *   OneDrive              laptop-DESKTOP4.jsonl (the other computer's name appended)
 * A OneDrive name looks like any device's log, so only the file's header (the device that wrote it)
 * tells it apart; for the other patterns the header, when given, must name the same device.
 * Device ids never hold spaces or parentheses, so those patterns cannot be a device's own name. git was
 * considered too: it makes no copy, and its conflict markers inside a log are damaged lines, which the
 * log reader skips.
 */

export interface LogCopy {
  /** The device whose log this is a copy of. */
  device: string;
  /** Which tool made it, for messages ("a Syncthing conflict copy"). */
  tool: string;
}

/** Control, format (bidi) and line-separator characters: a name holding one is never a log, and so never printed. */
let unprintable: RegExp | undefined;
/**
 * Whether a name holds such a character. Made on first use and only for names that are not printable
 * ASCII: building the Unicode classes costs 0.4 ms, a tenth of what crss adds to Node's start-up.
 */
function hasUnprintable(name: string): boolean {
  if (!/[^\x20-\x7e]/.test(name)) return false;
  unprintable ??= /[\p{C}\p{Zl}\p{Zp}]/u;
  return unprintable.test(name);
}

const PATTERNS: { pattern: RegExp; tool: string }[] = [
  { pattern: /^(.+)\.sync-conflict-\d{8}-\d{6}-[A-Z0-9]{7}$/, tool: 'a Syncthing conflict copy' },
  { pattern: /^(.+) \([^()]*'s conflicted copy[^()]*\)$/, tool: 'a Dropbox conflicted copy' },
  { pattern: /^(.+) \([^()]*conflicted copy[^()]*\)$/, tool: 'a Nextcloud or ownCloud conflicted copy' },
  { pattern: /^(.+)_conflict-\d{8}-\d{6}$/, tool: 'an ownCloud conflict copy' },
  { pattern: /^(.+) \(\d{1,3}\)$/, tool: 'a Google Drive duplicate' },
  { pattern: /^(.+) \d{1,3}$/, tool: 'an iCloud Drive duplicate' },
];

/**
 * The device whose log `name` (a file name in logs/) is a copy of, or undefined when it is not one.
 * `headerDevice` is the device named in the file's first line, when it was read.
 */
export function logCopyOf(name: string, headerDevice?: string): LogCopy | undefined {
  if (!name.endsWith('.jsonl') || hasUnprintable(name)) return undefined;
  const stem = name.slice(0, -'.jsonl'.length);
  if (stem === headerDevice) return undefined;
  for (const { pattern, tool } of PATTERNS) {
    const device = pattern.exec(stem)?.[1];
    if (device !== undefined && (headerDevice === undefined || headerDevice === device)) return { device, tool };
  }
  if (headerDevice !== undefined && stem.startsWith(`${headerDevice}-`)) return { device: headerDevice, tool: 'a OneDrive copy named after another computer' };
  return undefined;
}
