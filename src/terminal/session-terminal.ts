/**
 * The terminal as an interactive session (study, quiz) holds it: its input (keys in raw mode, or lines),
 * its canvas, and the signals that end it. `restore()` is the one way back for every exit path (the end,
 * q, Ctrl-C, SIGTERM, SIGHUP, an error): raw mode off, cursor shown, handlers removed.
 *
 * In raw mode the terminal sends Ctrl-C, Ctrl-Z and Ctrl-D as keys instead of acting on them: Ctrl-C
 * ends the session like SIGINT, Ctrl-D quits like q, and Ctrl-Z gives the terminal back and stops the
 * process as the shell expects, to redraw when `fg` continues it.
 */
import type { InStream, OutStream } from '../context.js';
import { ExitCode } from '../errors.js';
import { openCanvas, type Canvas } from './canvas.js';
import { INTERRUPT, keyInput, lineInput, type InputSource } from './input.js';

/** Why a session was stopped from outside: Ctrl-C or SIGINT, SIGTERM, SIGHUP. */
export type Stop = 'interrupt' | 'terminate' | 'hangup';

/** What a signal becomes in the input: strings no key or line can be (a NUL, then a name). */
const STOP_INPUTS: Record<Stop, string> = { interrupt: INTERRUPT, terminate: '\u0000SIGTERM', hangup: '\u0000SIGHUP' };
const SIGNALS: Record<Stop, NodeJS.Signals> = { interrupt: 'SIGINT', terminate: 'SIGTERM', hangup: 'SIGHUP' };

/** Exit codes after a stop: 128 plus the signal's number, as a shell reports a killed program. */
export const STOP_EXIT_CODES: Record<Stop, number> = { interrupt: ExitCode.interrupted, terminate: ExitCode.terminated, hangup: ExitCode.hangup };

/** The stop an input stands for, if it is one. */
export function stopOf(raw: string): Stop | undefined {
  return (Object.keys(STOP_INPUTS) as Stop[]).find((stop) => STOP_INPUTS[stop] === raw);
}

const SUSPEND_KEY = '\u001a';
const END_KEY = '\u0004';

export interface SessionTerminal {
  input: InputSource;
  /** The screen to draw on; absent in plain mode, which only writes lines. */
  canvas?: Canvas;
  /** Lends the terminal to another program (an editor): cooked mode, cursor shown. */
  pause(): void;
  /** Takes it back after pause(): raw mode, screen redrawn. */
  resume(): void;
  /** Gives the terminal back as it was. Safe to call more than once. */
  restore(): void;
}

/**
 * Signals end the session through its input, so that it can save, print its summary and exit with the
 * signal's code. Only for input that waits (InputSource.waits): a session reading a file never gives
 * the event loop a chance to deliver a signal. Returns what undoes it.
 */
export function stopOnSignals(input: InputSource): () => void {
  if (!input.waits) return () => {};
  const handlers = (Object.keys(SIGNALS) as Stop[]).map((stop) => {
    const handler = () => input.inject(STOP_INPUTS[stop]);
    process.on(SIGNALS[stop], handler);
    return () => process.off(SIGNALS[stop], handler);
  });
  return () => handlers.forEach((off) => off());
}

/** Lends the terminal out (cooked mode, cursor shown) and takes it back (raw mode, redrawn). */
function lending(stdin: InStream, canvas: Canvas | undefined) {
  const raw = (on: boolean) => {
    if (canvas && 'on' in stdin) stdin.setRawMode?.(on);
  };
  return {
    pause() {
      canvas?.pause();
      raw(false);
    },
    resume() {
      raw(true);
      canvas?.resume();
    },
  };
}

/** Ctrl-Z: the terminal is given back, then the process stops as the shell expects; `fg` redraws. */
function suspend(lend: ReturnType<typeof lending>): void {
  lend.pause();
  process.once('SIGCONT', () => lend.resume());
  process.kill(process.pid, 'SIGTSTP');
}

/** Keys with Ctrl-Z and Ctrl-D handled here, so that every screen gets them alike. */
function jobControlKeys(stdin: InStream, lend: ReturnType<typeof lending>): InputSource {
  const keys = keyInput(stdin);
  return {
    async next() {
      for (;;) {
        const key = await keys.next();
        if (key === SUSPEND_KEY && 'on' in stdin) {
          suspend(lend);
          continue;
        }
        return key === END_KEY ? 'q' : key;
      }
    },
    inject: keys.inject,
    close: keys.close,
    waits: keys.waits,
  };
}

export function openSessionTerminal(stdin: InStream, out: OutStream, options: { plain: boolean; cursor: boolean }): SessionTerminal {
  const canvas = options.plain ? undefined : openCanvas(out, options.cursor);
  const lend = lending(stdin, canvas);
  const input = canvas ? jobControlKeys(stdin, lend) : lineInput(stdin);
  const stopSignals = stopOnSignals(input);
  let restored = false;
  return {
    input,
    ...(canvas ? { canvas } : {}),
    pause: lend.pause,
    resume: lend.resume,
    restore() {
      if (restored) return;
      restored = true;
      stopSignals();
      input.close();
      canvas?.close();
    },
  };
}
