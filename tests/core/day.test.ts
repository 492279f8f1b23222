import { describe, expect, it } from 'vitest';
import { isoTime } from '../../src/core/day.js';
import { seededRandom } from '../../src/core/random.js';

describe('isoTime', () => {
  it('gives what Date.toISOString() gives, across years 0 to 9999', () => {
    const random = seededRandom(3);
    const samples = [0, -62167219200000, 253402300799999, Date.UTC(2026, 10, 27, 4, 5, 6, 7), Date.UTC(2024, 1, 29, 23, 59, 59, 999)];
    for (let i = 0; i < 2000; i++) samples.push(Math.floor(-62167219200000 + random() * (253402300799999 + 62167219200000)));
    for (const ms of samples) expect(isoTime(new Date(ms))).toBe(new Date(ms).toISOString());
  });
});
