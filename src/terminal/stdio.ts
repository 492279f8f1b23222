/**
 * The process's three standard streams, as the rest of crss sees them (context.ts).
 *
 * Terminals get Node's own streams (raw mode, columns, inquirer), and so does a piped stdin (see
 * canWait). Everything else (output to pipes and files, input from files and /dev/null: scripts,
 * tests, the benchmarks) is read and written through the bare file descriptor: creating
 * process.stdin/stdout/stderr for a pipe loads Node's stream and net modules, about 4 ms of a start-up
 * budget of about 10 (measured with performance.now() around each getter), and a descriptor write is
 * synchronous, so nothing is lost when the process exits.
 */
import { fstatSync, statSync, writeSync, type Stats } from 'node:fs';
import type { DescriptorIn, InStream, OutStream } from '../context.js';

export interface Stdio {
  stdin: InStream;
  stdout: OutStream;
  stderr: OutStream;
}

let nullDevice: number | undefined;

/** What kind of thing a standard descriptor is, from one fstat (undefined: closed). */
function statOf(fd: number): Stats | undefined {
  try {
    return fstatSync(fd);
  } catch {
    return undefined;
  }
}

/**
 * isatty() without loading node:tty (which loads net, ~1.8 ms): only a character device can be a
 * terminal, and the common one that is not, /dev/null, is recognised by its device number.
 */
function isTerminal(fd: number, stat: Stats | undefined): boolean {
  if (!stat?.isCharacterDevice()) return false;
  try {
    nullDevice ??= statSync('/dev/null').rdev;
    if (stat.rdev === nullDevice) return false;
  } catch {
    // no /dev/null: ask node:tty
  }
  // node:tty is loaded only here: it costs start-up time.
  return process.getBuiltinModule('node:tty').isatty(fd);
}

function sleepMs(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Writes all of `chunk` to a descriptor, synchronously. */
function writeFully(fd: number, chunk: string): void {
  const bytes = Buffer.from(chunk);
  let done = 0;
  while (done < bytes.length) {
    try {
      done += writeSync(fd, bytes, done);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        sleepMs(1); // a non-blocking pipe whose reader is slow: wait for room
        continue;
      }
      // A reader that went away (`crss decks | head`) is not worth a stack trace; neither is a closed descriptor.
      if (code === 'EPIPE') process.exit(process.exitCode ?? 0);
      if (code === 'EBADF') return;
      throw error;
    }
  }
}

function descriptorOut(fd: number): OutStream {
  return {
    isTTY: false,
    write(chunk: string) {
      writeFully(fd, chunk);
      return true;
    },
  };
}

function terminalOut(stream: NodeJS.WriteStream): OutStream {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE' || error.code === 'EIO') process.exit(process.exitCode ?? 0);
    throw error;
  });
  return stream;
}

/**
 * Whether reading it can wait for a writer: a pipe or socket can, a file or device cannot (closed: no).
 * Such input goes through Node's stream, which waits in the event loop. A read waiting in the thread
 * pool instead could not be called off, and would keep process.exit from ending the process when Ctrl-C
 * or an exam's time limit ends a session while the writer keeps the pipe open.
 */
function canWait(stat: Stats | undefined): boolean {
  return stat !== undefined && !(stat.isFile() || stat.isCharacterDevice() || stat.isBlockDevice());
}

export function processStdio(): Stdio {
  const [inStat, outStat, errStat] = [0, 1, 2].map(statOf);
  const stdin: InStream = isTerminal(0, inStat) || canWait(inStat) ? process.stdin : ({ fd: 0, isTTY: false } satisfies DescriptorIn);
  return {
    stdin,
    stdout: isTerminal(1, outStat) ? terminalOut(process.stdout) : descriptorOut(1),
    stderr: isTerminal(2, errStat) ? terminalOut(process.stderr) : descriptorOut(2),
  };
}
