/**
 * What a command gets from the shell around it: resolved paths, the three streams, the clock.
 * Tests build one with fake streams and a fixed clock; main.ts builds the real one.
 */
import type { Environment } from './env.js';
import { colorsFor, type Colors } from './terminal/color.js';
import { sanitizePrinted } from './terminal/sanitize.js';

export interface OutStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/** Standard input: a Node stream (a terminal, a pipe, or a test's stream), or a bare descriptor (terminal/stdio.ts). */
export type InStream = StreamIn | DescriptorIn;

export interface StreamIn extends NodeJS.ReadableStream {
  isTTY?: boolean;
  setRawMode?(mode: boolean): unknown;
}

/** A file or a device such as /dev/null: read synchronously on demand (terminal/input.ts), never waits. */
export interface DescriptorIn {
  fd: number;
  isTTY: false;
}

export interface Context {
  env: Environment;
  stdin: InStream;
  stdout: OutStream;
  stderr: OutStream;
  now: () => Date;
}

/** Writes one line to stdout. */
export function printOut(ctx: Context, text: string): void {
  const safe = sanitizePrinted(text);
  ctx.stdout.write(safe.endsWith('\n') ? safe : `${safe}\n`);
}

/** Writes one line to stderr (messages, progress, warnings). */
export function printErr(ctx: Context, text: string): void {
  const safe = sanitizePrinted(text);
  ctx.stderr.write(safe.endsWith('\n') ? safe : `${safe}\n`);
}

export function stdoutColors(ctx: Context, plain = false): Promise<Colors> {
  return colorsFor(ctx.stdout, ctx.env.color, plain);
}

/** Whether an interactive terminal UI can run: both ends must be terminals. */
export function isInteractive(ctx: Context): boolean {
  return Boolean(ctx.stdin.isTTY && ctx.stdout.isTTY);
}
