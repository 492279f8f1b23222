/**
 * Reading the learner's input: whole lines (plain mode, scripts, screen readers) or single keys
 * (terminal mode). End of input is `null`, never a hang; Ctrl-C in raw mode is 'interrupt'.
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

export function lineInput(stream: InStream): InputSource {
  // A small line splitter rather than node:readline, which costs start-up time for nothing here.
  const lines: string[] = [];
  const waiting: ((line: string | null) => void)[] = [];
  let partial = '';
  let ended = false;
  const push = (line: string | null) => {
    const w = waiting.shift();
    if (w) w(line);
    else if (line !== null) lines.push(line);
  };
  const onData = (data: Buffer | string) => {
    partial += data.toString();
    for (let nl = partial.indexOf('\n'); nl !== -1; nl = partial.indexOf('\n')) {
      push(partial.slice(0, nl).replace(/\r$/, ''));
      partial = partial.slice(nl + 1);
    }
  };
  const onEnd = () => {
    if (partial !== '') push(partial);
    partial = '';
    ended = true;
    while (waiting.length > 0) waiting.shift()!(null);
  };
  stream.on('data', onData);
  stream.on('end', onEnd);
  stream.resume();
  return {
    next() {
      if (lines.length > 0) return Promise.resolve(lines.shift()!);
      if (ended) return Promise.resolve(null);
      return new Promise((resolve) => waiting.push(resolve));
    },
    inject(raw) {
      push(raw);
    },
    close() {
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.pause();
    },
  };
}

/** Raw single keys from a terminal. Escape sequences (arrows...) arrive whole as one string. */
export function keyInput(stream: InStream): InputSource {
  const pending: string[] = [];
  const waiting: ((key: string | null) => void)[] = [];
  let ended = false;
  const push = (key: string | null) => {
    const w = waiting.shift();
    if (w) w(key);
    else if (key !== null) pending.push(key);
  };
  const onData = (data: Buffer | string) => {
    const text = data.toString();
    // Several keys typed at once arrive together; split plain characters, keep sequences whole.
    if (text.startsWith('\u001b')) push(text);
    else for (const ch of text) push(ch);
  };
  const onEnd = () => {
    ended = true;
    while (waiting.length > 0) waiting.shift()!(null);
  };
  stream.setRawMode?.(true);
  stream.on('data', onData);
  stream.on('end', onEnd);
  stream.resume();
  return {
    next() {
      if (pending.length > 0) return Promise.resolve(pending.shift()!);
      if (ended) return Promise.resolve(null);
      return new Promise((resolve) => waiting.push(resolve));
    },
    inject(raw) {
      push(raw);
    },
    close() {
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.setRawMode?.(false);
      stream.pause();
    },
  };
}
