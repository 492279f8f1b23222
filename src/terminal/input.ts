/**
 * Reading the learner's input: whole lines (plain mode, scripts, screen readers) or single keys
 * (terminal mode). End of input is `null`, never a hang; Ctrl-C in raw mode is INTERRUPT.
 */
import type { InStream } from '../context.js';

export interface InputSource {
  /** The next line or key, or null at end of input. */
  next(): Promise<string | null>;
  /** Delivers input from elsewhere, e.g. INTERRUPT when SIGINT arrives. */
  inject(raw: string): void;
  close(): void;
}

export const INTERRUPT = '\u0003';

/**
 * An input source over a stream: `split` turns each chunk into inputs (lines or keys), `flush` gives
 * what is left at end of input. Inputs wait in a queue until asked for.
 */
function streamInput(stream: InStream, split: (chunk: string) => string[], flush: () => string[], raw: boolean): InputSource {
  const queued: string[] = [];
  const waiting: ((input: string | null) => void)[] = [];
  let ended = false;
  const push = (input: string) => {
    const w = waiting.shift();
    if (w) w(input);
    else queued.push(input);
  };
  const onData = (data: Buffer | string) => split(data.toString()).forEach(push);
  const onEnd = () => {
    flush().forEach(push);
    ended = true;
    while (waiting.length > 0) waiting.shift()!(null);
  };
  if (raw) stream.setRawMode?.(true);
  stream.on('data', onData);
  stream.on('end', onEnd);
  stream.resume();
  return {
    next() {
      if (queued.length > 0) return Promise.resolve(queued.shift()!);
      if (ended) return Promise.resolve(null);
      return new Promise((resolve) => waiting.push(resolve));
    },
    inject: push,
    close() {
      stream.off('data', onData);
      stream.off('end', onEnd);
      if (raw) stream.setRawMode?.(false);
      stream.pause();
    },
  };
}

/** Whole lines (a small splitter rather than node:readline, which costs start-up time for nothing here). */
export function lineInput(stream: InStream): InputSource {
  let partial = '';
  const split = (chunk: string) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop()!;
    return lines.map((line) => line.replace(/\r$/, ''));
  };
  const flush = () => (partial === '' ? [] : [partial]);
  return streamInput(stream, split, flush, false);
}

/** Raw single keys from a terminal. Escape sequences (arrows...) arrive whole as one string. */
export function keyInput(stream: InStream): InputSource {
  // Several keys typed at once arrive together; split plain characters, keep sequences whole.
  const split = (chunk: string) => (chunk.startsWith('\u001b') ? [chunk] : [...chunk]);
  return streamInput(stream, split, () => [], true);
}
