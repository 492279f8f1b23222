import { describe, expect, it } from 'vitest';
import { indexOfKey, keyArray, keysOf } from '../../src/deck/model.js';

describe('a key list kept as one string', () => {
  const joined = { text: 'a/1a/22b/333', ends: Uint32Array.from([3, 7, 12]) };

  it('gives each key, and nothing outside the list', () => {
    const keys = keysOf(joined);
    expect(keys.length).toBe(3);
    expect([0, 1, 2].map((i) => keys.at(i))).toEqual(['a/1', 'a/22', 'b/333']);
    expect(keys.at(-1)).toBeUndefined();
    expect(keys.at(3)).toBeUndefined();
  });

  it('finds a key, and lists them all, as an array of the same keys would', () => {
    const keys = keysOf(joined);
    expect(indexOfKey(keys, 'b/333')).toBe(2);
    expect(indexOfKey(keys, 'a/2')).toBe(-1);
    expect(keyArray(keys)).toEqual(['a/1', 'a/22', 'b/333']);
    expect(indexOfKey(['x', 'y'], 'y')).toBe(1);
    expect(keysOf({ text: '', ends: new Uint32Array(0) }).length).toBe(0);
  });
});
