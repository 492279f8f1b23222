/**
 * Runs a command in a real pseudo-terminal with util-linux `script` (always present on Debian), so
 * that raw-mode key handling is tested as a learner's terminal drives it. The terminal is 80x24 (set
 * with stty inside it: `script` without a terminal of its own would leave it 0x0).
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface PtySession {
  /** Types keys into the terminal. */
  type(keys: string): void;
  /** Resolves with everything printed so far once `pattern` appears after `from` (default: anywhere). */
  waitFor(pattern: RegExp | string, timeoutMs?: number): Promise<string>;
  /** Everything printed so far. */
  output(): string;
  exited: Promise<number | null>;
  /** Sends a signal to the crss process inside the terminal (the first descendant running bin/crss.js). */
  kill(signal: NodeJS.Signals): void;
}

/** Child process ids of `pid`, from /proc (no procps needed). */
function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

function findDescendant(pid: number, matches: (cmdline: string) => boolean): number | undefined {
  for (const child of childrenOf(pid)) {
    let cmdline = '';
    try {
      cmdline = readFileSync(`/proc/${child}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    if (matches(cmdline)) return child;
    const deeper = findDescendant(child, matches);
    if (deeper !== undefined) return deeper;
  }
  return undefined;
}

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** `argv` runs in the terminal; `shell`, when given, instead (a shell command line, for tests that need one). */
export function runInPty(argv: string[], env: Record<string, string>, options: { shell?: string; cols?: number; rows?: number } = {}): PtySession {
  const command = options.shell ?? `exec ${argv.map(quote).join(' ')}`;
  const child = spawn('script', ['-qefc', `stty cols ${options.cols ?? 80} rows ${options.rows ?? 24}; ${command}`, '/dev/null'], {
    env: { TERM: 'xterm-256color', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  const listeners = new Set<() => void>();
  const onData = (d: Buffer) => {
    out += d.toString();
    listeners.forEach((l) => l());
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return {
    type(keys) {
      child.stdin.write(keys);
    },
    output: () => out,
    waitFor(pattern, timeoutMs = 15_000) {
      const matches = () => (typeof pattern === 'string' ? out.includes(pattern) : pattern.test(out));
      if (matches()) return Promise.resolve(out);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`timed out waiting for ${String(pattern)}; output was:\n${out}`));
        }, timeoutMs);
        const check = () => {
          if (matches()) {
            clearTimeout(timer);
            listeners.delete(check);
            resolve(out);
          }
        };
        listeners.add(check);
      });
    },
    exited,
    kill(signal) {
      const pid = findDescendant(child.pid!, (cmdline) => cmdline.split('\0')[1]?.endsWith('bin/crss.js') ?? false);
      if (pid === undefined) throw new Error('no crss process in the terminal');
      process.kill(pid, signal);
    },
  };
}
