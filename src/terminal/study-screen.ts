/**
 * Two ways to show a study session: plain lines (no cursor movement, no colour: scripts, screen
 * readers, tests) and a terminal screen redrawn in place. Both take finished strings.
 */
import type { OutStream } from '../context.js';
import type { Canvas } from './canvas.js';

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

const TTY_HINT = 'Space: show answer · u undo · s suspend · b bury · e edit · q quit';

/** The terminal screen: one card at a time on a canvas, redrawn in place. */
export function terminalScreen(canvas: Canvas, dim: (s: string) => string): StudyScreen {
  let view: string[] = [];
  const show = (lines: string[]) => {
    view = lines;
    canvas.show(view);
  };
  return {
    card(header, prompt, status) {
      show([dim(status), '', header, '', prompt, '', dim(TTY_HINT)]);
    },
    answer(answer, keys) {
      show([...view.slice(0, -1), answer, '', keys]);
    },
    message(text) {
      show([...view, text]);
    },
    close() {
      canvas.close();
    },
  };
}
