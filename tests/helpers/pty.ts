/**
 * Runs a command in a real pseudo-terminal with util-linux `script` (always present on Debian), so
 * that raw-mode key handling is tested as a learner's terminal drives it.
 */
import { spawn } from 'node:child_process';

export interface PtySession {
  /** Types keys into the terminal. */
  type(keys: string): void;
  /** Resolves with everything printed so far once `pattern` appears after `from` (default: anywhere). */
  waitFor(pattern: RegExp | string, timeoutMs?: number): Promise<string>;
  /** Everything printed so far. */
  output(): string;
  exited: Promise<number | null>;
}

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export function runInPty(argv: string[], env: Record<string, string>): PtySession {
  const child = spawn('script', ['-qefc', argv.map(quote).join(' '), '/dev/null'], {
    env: { ...env, TERM: 'xterm-256color' },
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
  };
}
