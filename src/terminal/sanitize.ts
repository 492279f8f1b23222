/**
 * The one sanitizer for text that came from a file (decks, state, imports) on its way to a terminal.
 * Deck text is untrusted: an escape sequence in it could rewrite the screen, set the clipboard (OSC 52)
 * or reorder text (bidi overrides). Such characters are shown as visible `\u{..}` escapes instead.
 */
const UNSAFE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
const UNSAFE_ONE_LINE = /[\u0000-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

function escape(ch: string): string {
  return `\\u{${ch.codePointAt(0)!.toString(16)}}`;
}

/** Keeps newlines and tabs; escapes every other control character. */
export function sanitize(text: string): string {
  return text.replace(UNSAFE, escape);
}

/** For one-line contexts (error messages, status lines): newlines and tabs are escaped too. */
export function sanitizeLine(text: string): string {
  return text.replace(UNSAFE_ONE_LINE, (ch) => (ch === '\n' ? '\\n' : ch === '\t' ? ' ' : escape(ch)));
}
