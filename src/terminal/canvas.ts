/**
 * The terminal screen of an interactive session (study, quiz): the text on show, wrapped at word
 * boundaries to the terminal's width and drawn again whenever the window is resized.
 *
 * Without cursor control (NO_COLOR, --no-color, FORCE_COLOR=0, TERM=dumb: env.ts) nothing is ever
 * cleared or redrawn: each new view writes only the lines that differ from what is already there, one
 * after the other, as a teletype would.
 */
import type { OutStream } from '../context.js';

export interface Canvas {
  /** Whether a view can be redrawn in place (false: every change is written below the last). */
  readonly redraws: boolean;
  /** Replaces what is on show. */
  show(lines: string[]): void;
  /** Draws the current view again (after a suspension or an editor had the terminal). */
  redraw(): void;
  /** Gives the terminal back for a while (Ctrl-Z, an editor): the cursor shows, resizes are ignored. */
  pause(): void;
  /** Takes it again and redraws. */
  resume(): void;
  /** Gives the terminal back for good. Safe to call more than once. */
  close(): void;
}

const CLEAR = '\u001b[2J\u001b[H';
const HIDE_CURSOR = '\u001b[?25l';
const SHOW_CURSOR = '\u001b[?25h';
const ANSI = /\u001b\[[0-9;]*m/g;
/** Text wider than this is hard to read, however wide the window. */
const MAX_WIDTH = 100;
/** Below this a pseudo-terminal that reports no size at all (0 columns) is assumed to be the classic 80. */
const FALLBACK_COLUMNS = 80;
/** An option (`  A) `, `> B) `), a list item (`- `), `Q: ` or `A: `: continuation rows line up after it. */
const MARKER = /^(?:[> ] [A-Z]\) |[A-Z]\) |- |Q: |A: )/;

/** The columns a line can use: one less than the window, so a full row never scrolls the screen. */
export function usableWidth(columns: number | undefined): number {
  const cols = columns && columns > 0 ? columns : FALLBACK_COLUMNS;
  return Math.max(20, Math.min(MAX_WIDTH, cols - 1));
}

/**
 * Wraps each line at spaces to `width` columns; colour codes take no room. Continuation rows keep the
 * line's indentation and line up after an option letter. A word longer than a row stays whole.
 */
export function wrapToWidth(text: string, width: number): string {
  return text
    .split('\n')
    .map((line) => {
      const indent = /^ */.exec(line)![0];
      const marker = MARKER.exec(line.slice(indent.length).replace(ANSI, ''))?.[0] ?? '';
      const hanging = indent + ' '.repeat(marker.length);
      const rows: string[] = [];
      let row = '';
      let rowIndent = indent;
      for (const word of line.slice(indent.length).split(' ')) {
        const candidate = row === '' ? word : `${row} ${word}`;
        if (rowIndent.length + candidate.replace(ANSI, '').length > width && row !== '') {
          rows.push(rowIndent + row);
          row = word;
          rowIndent = hanging;
        } else {
          row = candidate;
        }
      }
      rows.push(rowIndent + row);
      return rows.join('\n');
    })
    .join('\n');
}

/** How many leading entries two lists share. */
function sharedLines(a: string[], b: string[]): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

type ResizableStream = OutStream & { on?(event: 'resize', listener: () => void): unknown; off?(event: 'resize', listener: () => void): unknown };

export function openCanvas(out: ResizableStream, cursorControl: boolean): Canvas {
  let view: string[] = [];
  let written: string[] = []; // without cursor control: what the terminal already shows
  let paused = false;
  let closed = false;
  const wrap = (lines: string[]) => wrapToWidth(lines.join('\n'), usableWidth(out.columns));
  const draw = () => {
    if (paused || closed) return;
    if (cursorControl) {
      out.write(`${CLEAR}${wrap(view)}\n`);
      return;
    }
    const kept = sharedLines(written, view);
    const fresh = view.slice(kept);
    if (fresh.length > 0) out.write(`${kept === 0 && written.length > 0 ? '\n' : ''}${wrap(fresh)}\n`);
    written = view;
  };
  const onResize = () => draw();
  const take = () => {
    if (cursorControl) out.write(HIDE_CURSOR);
    out.on?.('resize', onResize);
  };
  const give = () => {
    if (cursorControl) out.write(SHOW_CURSOR);
    out.off?.('resize', onResize);
  };
  take();
  return {
    redraws: cursorControl,
    show(lines) {
      view = lines;
      draw();
    },
    redraw() {
      written = [];
      draw();
    },
    pause() {
      if (paused || closed) return;
      paused = true;
      give();
    },
    resume() {
      if (!paused || closed) return;
      paused = false;
      take();
      written = [];
      draw();
    },
    close() {
      if (closed) return;
      if (!paused) give();
      closed = true;
    },
  };
}
