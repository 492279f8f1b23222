/** The exam's start screen in a terminal: the clock starts on Enter; q leaves before anything is recorded. */
import { formatExamStart } from '../format/quiz.js';
import type { Canvas } from './canvas.js';
import type { Colors } from './color.js';
import type { InputSource } from './input.js';
import { stopOf, type Stop } from './session-terminal.js';

/** Shows the start screen and waits: 'start' on Enter, 'leave' on q or end of input, or the stop (Ctrl-C, a signal). */
export async function waitForExamStart(questions: number, io: { input: InputSource; canvas: Canvas; colors: Colors }): Promise<'start' | 'leave' | Stop> {
  io.canvas.show(formatExamStart(questions, io.colors).split('\n'));
  for (;;) {
    const key = await io.input.next();
    if (key === null || key.toLowerCase() === 'q') return 'leave';
    const stop = stopOf(key);
    if (stop) return stop;
    if (key === '\r' || key === '\n') return 'start';
  }
}
