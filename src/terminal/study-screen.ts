/**
 * Two ways to show a study session: plain lines (no cursor movement, no colour: scripts, screen
 * readers, tests) and a terminal screen redrawn in place. Both take finished strings.
 */
import type { OutStream } from '../context.js';

export interface StudyScreen {
  card(header: string, prompt: string, status: string): void;
  answer(answer: string, keys: string): void;
  message(text: string): void;
  close(): void;
}

const PLAIN_HINT = '(Enter: show answer · 1-4: rate · u undo · s suspend · b bury · e edit · q quit)';

export function plainScreen(out: OutStream): StudyScreen {
  const print = (text: string) => out.write(`${text}\n`);
  return {
    card(header, prompt) {
      print(header);
      print(prompt);
      print(PLAIN_HINT);
    },
    answer(answer, keys) {
      print(answer);
      print(`Rate: ${keys}`);
    },
    message: print,
    close() {},
  };
}

const CLEAR = '\u001b[2J\u001b[H';
const HIDE_CURSOR = '\u001b[?25l';
const SHOW_CURSOR = '\u001b[?25h';
const TTY_HINT = 'Space: show answer · u undo · s suspend · b bury · e edit · q quit';

const ANSI = /\u001b\[[0-9;]*m/g;

/** Wraps each line at spaces to the terminal's width; colour codes take no room. */
export function wrapToWidth(text: string, width: number): string {
  return text
    .split('\n')
    .map((line) => {
      const indent = /^ */.exec(line)![0];
      const rows: string[] = [];
      let row = '';
      for (const word of line.slice(indent.length).split(' ')) {
        const candidate = row === '' ? word : `${row} ${word}`;
        if (indent.length + candidate.replace(ANSI, '').length > width && row !== '') {
          rows.push(row);
          row = word;
        } else {
          row = candidate;
        }
      }
      rows.push(row);
      return rows.map((r) => indent + r).join('\n');
    })
    .join('\n');
}

export function terminalScreen(out: OutStream, dim: (s: string) => string): StudyScreen {
  let view: string[] = [];
  // A pseudo-terminal may report 0 columns: then assume the classic 80.
  const width = Math.max(40, Math.min(100, (out.columns || 80) - 1));
  const draw = () => out.write(`${CLEAR}${wrapToWidth(view.join('\n'), width)}\n`);
  out.write(HIDE_CURSOR);
  return {
    card(header, prompt, status) {
      view = [dim(status), '', header, '', prompt, '', dim(TTY_HINT)];
      draw();
    },
    answer(answer, keys) {
      view = [...view.slice(0, -1), answer, '', keys];
      draw();
    },
    message(text) {
      view = [...view, text];
      draw();
    },
    close() {
      out.write(SHOW_CURSOR);
    },
  };
}
