import { crc32 as zlibCrc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32, crcHex } from '../../src/core/crc32.js';
import { seededRandom } from '../../src/core/random.js';

describe('crc32', () => {
  it('gives the standard check value', () => {
    expect(crcHex('123456789')).toBe('cbf43926');
    expect(crcHex('')).toBe('00000000');
  });

  it('agrees with zlib on strings and bytes of every size, before and after it switches to zlib', () => {
    const random = seededRandom(42);
    // Well past the switch-over megabyte, so both ways of computing are compared.
    for (let size = 0, total = 0; total < 3 << 20; size = (size * 3 + 7) % 70_000, total += size) {
      const bytes = Uint8Array.from({ length: size }, () => Math.floor(random() * 256));
      expect(crc32(bytes)).toBe(zlibCrc32(bytes));
      const text = `é—${size} ${Buffer.from(bytes.subarray(0, 50)).toString('base64')}`;
      expect(crc32(text)).toBe(zlibCrc32(text));
    }
  });
});
