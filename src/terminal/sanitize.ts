/**
 * The one sanitizer for text that came from a file (decks, state, imports) on its way to a terminal.
 * Deck text is untrusted: an escape sequence in it could rewrite the screen, set the clipboard (OSC 52)
 * or reorder text (bidi overrides). Such characters are shown as visible `\u{..}` escapes instead.
 */
const UNSAFE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;
const UNSAFE_ONE_LINE = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;
/** Colour (SGR) sequences, the only escapes crss itself puts in printed text (terminal/color.ts). */
const COLOUR_OR_UNSAFE = /\u001B\[[0-9;]*m|[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;

function escape(ch: string): string {
  return `\\u{${ch.codePointAt(0)!.toString(16)}}`;
}

/** Keeps newlines and tabs; escapes every other control character. */
export function sanitize(text: string): string {
  return text.replace(UNSAFE, escape);
}

/**
 * The last line of defence, applied to every line crss prints (context.ts printOut/printErr): like
 * sanitize, but keeps the colour sequences crss adds. Whatever a file, a file name or another
 * machine's log put into a message is escaped here even where its own sanitizer was forgotten.
 */
export function sanitizePrinted(text: string): string {
  return text.replace(COLOUR_OR_UNSAFE, (m) => (m.length > 1 ? m : escape(m)));
}

/** For one-line contexts (error messages, status lines): newlines and tabs are escaped too. */
export function sanitizeLine(text: string): string {
  return text.replace(UNSAFE_ONE_LINE, (ch) => (ch === '\n' ? '\\n' : ch === '\t' ? ' ' : escape(ch)));
}
