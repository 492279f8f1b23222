// Helpers for the benchmarks: wall time of whole commands, interleaved with a baseline so that
// both see the same machine load; figures are medians.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Runs a command once; returns wall milliseconds. Fails loudly if the command fails. Without `input`,
 * stdin is /dev/null, as in `crss study --plain < /dev/null`.
 */
export function timeCommand([cmd, ...args], { env = process.env, input, okStatus = [0] } = {}) {
  const start = process.hrtime.bigint();
  // A report of thousands of lint warnings is more than spawnSync's default 1 MB buffer.
  const result = spawnSync(cmd, args, { env, input, maxBuffer: 256 * 1024 * 1024, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (!okStatus.includes(result.status)) {
    throw new Error(`${[cmd, ...args].join(' ')} exited ${result.status}: ${result.stderr}`);
  }
  return ms;
}

/**
 * Runs baseline and subject as `runs` adjacent pairs after a warm-up, taking turns at going first;
 * returns both medians and the ratio. The ratio is the median of the pairs' ratios: the machine's
 * speed drifts from second to second (a bare Node start takes 21 to 30 ms on the development VM), and
 * the two runs of a pair see the same machine.
 */
export function sideBySide(baseline, subject, { runs = 21, ...options } = {}) {
  timeCommand(baseline, options.baselineOptions);
  timeCommand(subject, options);
  const base = [];
  const sub = [];
  for (let i = 0; i < runs; i++) {
    if (i % 2 === 0) {
      base.push(timeCommand(baseline, options.baselineOptions));
      sub.push(timeCommand(subject, options));
    } else {
      sub.push(timeCommand(subject, options));
      base.push(timeCommand(baseline, options.baselineOptions));
    }
  }
  const ratio = median(sub.map((s, i) => s / base[i]));
  return { baselineMs: median(base), subjectMs: median(sub), ratio };
}

/**
 * The environment of a crss run that touches nothing of the user's: every XDG folder under `home`,
 * no colour, a fixed device name. Benchmarks and docs/screens.mjs run the binary with it.
 */
export function isolatedEnv(home, device) {
  return {
    PATH: process.env.PATH,
    HOME: home,
    XDG_DATA_HOME: join(home, 'data'),
    XDG_CACHE_HOME: join(home, 'cache'),
    XDG_STATE_HOME: join(home, 'state'),
    NO_COLOR: '1',
    CRSS_DEVICE: device,
  };
}
