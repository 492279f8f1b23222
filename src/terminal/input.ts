/**
 * Reading the learner's input: whole lines (plain mode, scripts, screen readers) or single keys
 * (terminal mode). End of input is `null`, never a hang; Ctrl-C in raw mode is INTERRUPT.
 */
import { read } from 'node:fs';
import type { DescriptorIn, InStream, StreamIn } from '../context.js';

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
function streamInput(stream: StreamIn, split: (chunk: string) => string[], flush: () => string[], raw: boolean): InputSource {
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

/**
 * An input source over a descriptor (a pipe or a file): it reads only while someone waits for input, so
 * a session that ends on `q` leaves no read behind that would keep the process waiting for the writer.
 */
function descriptorInput(source: DescriptorIn, split: (chunk: string) => string[], flush: () => string[]): InputSource {
  const queued: string[] = [];
  const waiting: ((input: string | null) => void)[] = [];
  const decoder = new TextDecoder();
  const buffer = Buffer.alloc(64 * 1024);
  let ended = false;
  let reading = false;
  const push = (input: string) => {
    const w = waiting.shift();
    if (w) w(input);
    else queued.push(input);
  };
  const end = () => {
    flush().forEach(push);
    ended = true;
    while (waiting.length > 0) waiting.shift()!(null);
  };
  const readMore = () => {
    if (reading || ended || waiting.length === 0) return;
    reading = true;
    source.pendingReads++;
    read(source.fd, buffer, 0, buffer.length, null, (error, bytes) => {
      reading = false;
      source.pendingReads--;
      if (error && error.code === 'EAGAIN') {
        setTimeout(readMore, 10); // a non-blocking pipe with nothing in it yet
        return;
      }
      if (error || bytes === 0) {
        split(decoder.decode()).forEach(push);
        end();
        return;
      }
      split(decoder.decode(buffer.subarray(0, bytes), { stream: true })).forEach(push);
      readMore(); // still waited for: the chunk held no complete input
    });
  };
  return {
    next() {
      if (queued.length > 0) return Promise.resolve(queued.shift()!);
      if (ended) return Promise.resolve(null);
      const next = new Promise<string | null>((resolve) => waiting.push(resolve));
      readMore();
      return next;
    },
    inject: push,
    close() {
      ended = true;
    },
  };
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
