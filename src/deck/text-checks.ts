/**
 * Checks on raw deck text that must run before the YAML parser sees it: bytes that are not UTF-8,
 * control characters, and nesting deep enough to hurt the parser (see ../shared/guides/pitfalls.md).
 */

/**
 * C0 controls except tab and newline (CR is allowed only before LF), DEL, C1 controls, bidi controls
 * (the Arabic letter mark U+061C included) and the Unicode line and paragraph separators, which some
 * terminals and editors break lines at.
 */
const CONTROL = '\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F\\u061C\\u200E\\u200F\\u2028\\u2029\\u202A-\\u202E\\u2066-\\u2069';
const FORBIDDEN = new RegExp(`[${CONTROL}]|\\r(?!\\n)`, 'g');

/** Whether findControlCharacters could find anything: one of its characters, or any carriage return. */
export const MAY_HOLD_CONTROL = new RegExp(`[${CONTROL}\\r]`);

export interface TextIssue {
  offset: number;
  message: string;
}

/** Decodes UTF-8 strictly; on failure returns the byte offset of the first bad sequence. */
export function decodeUtf8(bytes: Uint8Array): { text: string } | { badByteOffset: number } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes) };
  } catch {
    return { badByteOffset: firstInvalidUtf8(bytes) };
  }
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return Math.max(0, bytes.length - 1);
}

/** Every forbidden control character, at most `max` of them. */
export function findControlCharacters(text: string, max = 20): TextIssue[] {
  const issues: TextIssue[] = [];
  FORBIDDEN.lastIndex = 0;
  for (let m = FORBIDDEN.exec(text); m && issues.length < max; m = FORBIDDEN.exec(text)) {
    const code = m[0].codePointAt(0)!;
    issues.push({ offset: m.index, message: `control character U+${code.toString(16).toUpperCase().padStart(4, '0')} is not allowed in deck text` });
  }
  return issues;
}

/**
 * A cheap, non-recursive estimate of nesting depth: flow brackets plus block indentation.
 * It over-counts brackets inside quoted text, which only matters for absurd files.
 *
 * The two counts are independent, so each is its own pass and the earlier finding wins: jumping from
 * line to line with indexOf and from bracket to bracket with a regular expression reads a 7 MB deck
 * several times faster than looking at every character in JavaScript.
 */
export function findExcessiveNesting(text: string, maxDepth: number): TextIssue | null {
  const deepLine = firstDeepIndent(text, maxDepth);
  const deepFlow = firstDeepFlow(text, maxDepth, deepLine ?? text.length);
  const offset = deepFlow ?? deepLine;
  return offset === undefined ? null : { offset, message: `nesting deeper than ${maxDepth} levels` };
}

/** Spaces and block-sequence dashes at the start of a line each open at most one level (two per level). */
function firstDeepIndent(text: string, maxDepth: number): number | undefined {
  const limit = 2 * maxDepth;
  for (let start = 0; start < text.length; ) {
    let i = start;
    for (let ch = text.charCodeAt(i); ch === 32 || ch === 45; ch = text.charCodeAt(++i)) {
      if (i - start >= limit) return i;
    }
    const end = text.indexOf('\n', i);
    if (end === -1) break;
    start = end + 1;
  }
  return undefined;
}

const BRACKET = /[[\]{}]/g;

/** The first bracket that opens more than maxDepth flow levels, if it comes before `before`. */
function firstDeepFlow(text: string, maxDepth: number, before: number): number | undefined {
  let flow = 0;
  BRACKET.lastIndex = 0;
  for (let m = BRACKET.exec(text); m && m.index < before; m = BRACKET.exec(text)) {
    const ch = m[0];
    if (ch === '[' || ch === '{') {
      if (++flow > maxDepth) return m.index;
    } else if (flow > 0) {
      flow--;
    }
  }
  return undefined;
}

/** 1-based line and column of a string offset. */
export function positionOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** 1-based line and column of a byte offset into UTF-8 bytes. */
export function positionOfByte(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < bytes.length; i++) {
    if (bytes[i] === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
