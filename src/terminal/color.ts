/**
 * The one adapter for chalk. Chalk 5.6 ignores NO_COLOR (see pitfalls), so the level is decided here
 * from the environment's wish and whether the stream is a terminal. Chalk is loaded only when colour is
 * actually on: plain output (pipes, scripts, NO_COLOR) does not pay its start-up cost (~2.5 ms).
 */
import type { Environment } from '../env.js';

/** The styles crss uses. Colour only adds emphasis; every screen reads the same without it. */
export interface Colors {
  bold(text: string): string;
  dim(text: string): string;
  green(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
}

const same = (text: string) => text;
export const noColors: Colors = { bold: same, dim: same, green: same, red: same, yellow: same };

export function wantsColor(stream: { isTTY?: boolean }, wish: Environment['color'], plain = false): boolean {
  return !plain && wish !== 'never' && (wish === 'always' || Boolean(stream.isTTY));
}

export async function colorsFor(stream: { isTTY?: boolean }, wish: Environment['color'], plain = false): Promise<Colors> {
  if (!wantsColor(stream, wish, plain)) return noColors;
  const { Chalk } = await import('chalk');
  return new Chalk({ level: 1 });
}
