/**
 * The one adapter for chalk. Chalk 5.6 ignores NO_COLOR (see pitfalls), so the level is decided here
 * from the environment's wish and whether the stream is a terminal.
 */
import { Chalk, type ChalkInstance } from 'chalk';
import type { Environment } from '../env.js';

export type Colors = ChalkInstance;

export function colorsFor(stream: { isTTY?: boolean }, wish: Environment['color'], plain = false): Colors {
  const level = plain || wish === 'never' ? 0 : wish === 'always' || stream.isTTY ? 1 : 0;
  return new Chalk({ level: level as 0 | 1 });
}
