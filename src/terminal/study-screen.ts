/**
 * Two ways to show a study session: plain lines (no cursor movement, no colour: scripts, screen
 * readers, tests) and a terminal screen redrawn in place. Both take finished strings.
 */
import type { OutStream } from '../context.js';
import type { Canvas } from './canvas.js';

export interface StudyScreen {
  /** A new card; `question`: it can be answered by letter. */
  card(header: string, prompt: string, status: string, question: boolean): void;
  /** The answer, the rating keys, and the rating Enter accepts (`3 Good`). */
  answer(answer: string, keys: string, accept: string): void;
  message(text: string): void;
  close(): void;
}

const PLAIN_HINT = '(Enter: show answer · 1-4: rate · u undo · s suspend · b bury · e edit · q quit)';
const PLAIN_QUESTION_HINT = '(A-F: answer · Enter: show answer · 1-4: rate · u undo · suspend · bury · edit · q quit)';

export function plainScreen(out: OutStream): StudyScreen {
  const print = (text: string) => out.write(`${text}\n`);
  return {
    card(header, prompt, _status, question) {
      print(header);
      print(prompt);
      print(question ? PLAIN_QUESTION_HINT : PLAIN_HINT);
    },
    answer(answer, keys, accept) {
      print(answer);
      print(`Rate: ${keys}`);
      print(`(Enter: ${accept})`);
    },
    message: print,
    close() {},
  };
}

const TTY_HINT = 'Space: show answer · u undo · s suspend · b bury · e edit · q quit';
const TTY_QUESTION_HINT = 'Letter: answer · Space: show answer · u undo · s suspend · q quit · b bury, e edit after the answer';

/** The terminal screen: one card at a time on a canvas, redrawn in place. */
export function terminalScreen(canvas: Canvas, dim: (s: string) => string): StudyScreen {
  let view: string[] = [];
  const show = (lines: string[]) => {
    view = lines;
    canvas.show(view);
  };
  return {
    card(header, prompt, status, question) {
      show([dim(status), '', header, '', prompt, '', dim(question ? TTY_QUESTION_HINT : TTY_HINT)]);
    },
    answer(answer, keys, accept) {
      show([...view.slice(0, -1), answer, '', keys, dim(`Space or Enter: ${accept}`)]);
    },
    message(text) {
      show([...view, text]);
    },
    close() {
      canvas.close();
    },
  };
}
