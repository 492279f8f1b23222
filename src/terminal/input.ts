/**
 * Reading the learner's input: whole lines (plain mode, scripts, screen readers) or single keys
 * (terminal mode). End of input is `null`, never a hang; Ctrl-C in raw mode is INTERRUPT, and so is
 * SIGINT (session-terminal.ts).
 */
import { readSync } from 'node:fs';
import type { DescriptorIn, InStream, StreamIn } from '../context.js';

export interface InputSource {
  /** The next line or key, or null at end of input. */
  next(): Promise<string | null>;
  /** Delivers input from elsewhere, e.g. INTERRUPT when SIGINT arrives. */
  inject(raw: string): void;
  close(): void;
  /**
   * Whether asking for input can wait (a terminal or a pipe). Only then can Ctrl-C arrive while a
   * session is open: a file or /dev/null is read at once, so the session never gives the event loop a
   * chance to deliver the signal, and there is no handler worth setting up (0.16 ms).
   */
  readonly waits: boolean;
}

export const INTERRUPT = '\u0003';

/** Inputs waiting for a reader and readers waiting for input; after the end, every reader gets null. */
function inputQueue(flush: () => string[]) {
  const queued: string[] = [];
  const waiting: ((input: string | null) => void)[] = [];
  let ended = false;
  const push = (input: string) => {
    const w = waiting.shift();
    if (w) w(input);
    else queued.push(input);
  };
  return {
    push,
    /** End of input: what is left over (a last line without a newline), then null for everyone. */
    end() {
      flush().forEach(push);
      ended = true;
      while (waiting.length > 0) waiting.shift()!(null);
    },
    /** No more input is wanted (the source is closed). */
    stop() {
      ended = true;
    },
    get ended() {
      return ended;
    },
    /** Whether a reader is waiting. */
    get awaited() {
      return waiting.length > 0;
    },
    next(): Promise<string | null> {
      if (queued.length > 0) return Promise.resolve(queued.shift()!);
      if (ended) return Promise.resolve(null);
      return new Promise((resolve) => waiting.push(resolve));
    },
  };
}

/**
 * An input source over a stream: `split` turns each chunk into inputs (lines or keys), `flush` gives
 * what is left at end of input. Inputs wait in a queue until asked for.
 */
function streamInput(stream: StreamIn, split: (chunk: string) => string[], flush: () => string[], raw: boolean): InputSource {
  const queue = inputQueue(flush);
  const onData = (data: Buffer | string) => split(data.toString()).forEach(queue.push);
  const onEnd = () => queue.end();
  if (raw) stream.setRawMode?.(true);
  stream.on('data', onData);
  stream.on('end', onEnd);
  stream.resume();
  return {
    next: () => queue.next(),
    inject: queue.push,
    close() {
      stream.off('data', onData);
      stream.off('end', onEnd);
      if (raw) stream.setRawMode?.(false);
      stream.pause();
    },
    waits: true,
  };
}

/**
 * An input source over a descriptor (a file, /dev/null): read synchronously, and only while someone
 * waits for input. Pipes and terminals, which can keep a reader waiting, are streams (stdio.ts).
 */
function descriptorInput(source: DescriptorIn, split: (chunk: string) => string[], flush: () => string[]): InputSource {
  const queue = inputQueue(flush);
  const buffer = Buffer.allocUnsafe(16 * 1024);
  let carried = 0; // bytes of a character cut off at the end of the last read, kept at the buffer's start
  const readMore = () => {
    while (!queue.ended && queue.awaited) {
      let bytes = 0;
      try {
        bytes = readSync(source.fd, buffer, carried, buffer.length - carried, null);
      } catch {
        bytes = 0; // unreadable (closed, a folder): end of input
      }
      if (bytes === 0) {
        split(buffer.toString('utf8', 0, carried)).forEach(queue.push);
        queue.end();
        return;
      }
      const filled = carried + bytes;
      const whole = wholeCharacters(buffer, filled);
      split(buffer.toString('utf8', 0, whole)).forEach(queue.push);
      carried = buffer.copy(buffer, 0, whole, filled);
    }
  };
  return {
    next() {
      const next = queue.next();
      readMore();
      return next;
    },
    inject: queue.push,
    close: () => queue.stop(),
    waits: false,
  };
}

/**
 * How many of the first `length` bytes end on a whole UTF-8 character: a read may stop inside one.
 * (TextDecoder does this too, but costs 0.2 ms of start-up to create.)
 */
export function wholeCharacters(bytes: Uint8Array, length: number): number {
  for (let i = length - 1; i >= 0 && i >= length - 3; i--) {
    const b = bytes[i]!;
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: look further back for the lead byte
    const size = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return length - i >= size ? length : i;
  }
  return length;
}

function isDescriptor(stream: InStream): stream is DescriptorIn {
  return !('on' in stream);
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
  return isDescriptor(stream) ? descriptorInput(stream, split, flush) : streamInput(stream, split, flush, false);
}

/** Raw single keys from a terminal. Escape sequences (arrows...) arrive whole as one string. */
export function keyInput(stream: InStream): InputSource {
  // Several keys typed at once arrive together; split plain characters, keep sequences whole.
  const split = (chunk: string) => (chunk.startsWith('\u001b') ? [chunk] : [...chunk]);
  return isDescriptor(stream) ? descriptorInput(stream, split, () => []) : streamInput(stream, split, () => [], true);
}
