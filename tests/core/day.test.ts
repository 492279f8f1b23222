import { describe, expect, it } from 'vitest';
import { formatDateTime, isoTime } from '../../src/core/day.js';
import { seededRandom } from '../../src/core/random.js';

describe('isoTime', () => {
  it('gives what Date.toISOString() gives, across years 0 to 9999', () => {
    const random = seededRandom(3);
    const samples = [0, -62167219200000, 253402300799999, Date.UTC(2026, 10, 27, 4, 5, 6, 7), Date.UTC(2024, 1, 29, 23, 59, 59, 999)];
    for (let i = 0; i < 2000; i++) samples.push(Math.floor(-62167219200000 + random() * (253402300799999 + 62167219200000)));
    for (const ms of samples) expect(isoTime(new Date(ms))).toBe(new Date(ms).toISOString());
  });
});

describe('formatDateTime', () => {
  it("gives what toLocaleString('en-US') gives for a medium date and a short time, with a plain space", () => {
    const random = seededRandom(5);
    const samples = [new Date(2026, 10, 28, 0, 5), new Date(2026, 10, 28, 12, 0), new Date(2026, 0, 1, 23, 59), new Date(2027, 6, 4, 9, 7)];
    for (let i = 0; i < 500; i++) samples.push(new Date(Date.UTC(2000, 0, 1) + Math.floor(random() * 40 * 365 * 86_400_000)));
    for (const when of samples) {
      const icu = when.toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' }).replace(/\u202f/g, ' ');
      expect(formatDateTime(when)).toBe(icu);
    }
    expect(formatDateTime(new Date(2026, 10, 28, 0, 5))).toBe('Nov 28, 2026, 12:05 AM');
  });
});
