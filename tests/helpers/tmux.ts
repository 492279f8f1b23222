/**
 * A real terminal emulator for the tests that need one: tmux keeps a screen that can be read back as
 * it looks (capture-pane), resized (the program gets SIGWINCH, as from a window manager), and runs an
 * interactive bash with job control, so Ctrl-Z and `fg` behave as for a learner. Each session has its
 * own server socket, so tests never share a tmux server.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { tempDir } from './run-crss.js';

export interface TmuxSession {
  /** Types text literally. */
  type(text: string): void;
  /** Presses keys by tmux name (`Enter`, `C-z`). */
  press(...keys: string[]): void;
  /** The screen as it looks now, one string per row, trailing spaces removed. */
  screen(): string[];
  /** Resolves with the screen once `pattern` matches it (rows joined by newlines). */
  waitForScreen(pattern: RegExp | string, timeoutMs?: number): Promise<string[]>;
  resize(cols: number, rows: number): void;
  close(): void;
}

export function startTmux(env: Record<string, string>, cols = 80, rows = 24): TmuxSession {
  const socket = join(tempDir('crss-tmux-'), 'socket');
  const tmux = (...args: string[]) => {
    const r = spawnSync('tmux', ['-S', socket, ...args], { env: { ...env, TERM: 'xterm-256color' }, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`tmux ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  };
  tmux('-f', '/dev/null', 'new-session', '-d', '-s', 'crss', '-x', String(cols), '-y', String(rows), 'bash --norc --noprofile');
  const screen = () => tmux('capture-pane', '-p', '-t', 'crss').replace(/\n$/, '').split('\n').map((r) => r.trimEnd());
  return {
    type: (text) => void tmux('send-keys', '-t', 'crss', '-l', text),
    press: (...keys) => void tmux('send-keys', '-t', 'crss', ...keys),
    screen,
    waitForScreen(pattern, timeoutMs = 15_000) {
      const matches = (rows: string[]) => (typeof pattern === 'string' ? rows.join('\n').includes(pattern) : pattern.test(rows.join('\n')));
      return new Promise((resolve, reject) => {
        const started = Date.now();
        const poll = () => {
          const rows = screen();
          if (matches(rows)) return resolve(rows);
          if (Date.now() - started > timeoutMs) return reject(new Error(`timed out waiting for ${String(pattern)}; screen was:\n${rows.join('\n')}`));
          setTimeout(poll, 50);
        };
        poll();
      });
    },
    resize: (c, r) => void tmux('resize-window', '-t', 'crss', '-x', String(c), '-y', String(r)),
    close() {
      spawnSync('tmux', ['-S', socket, 'kill-server']);
    },
  };
}
