import { describe, expect, it } from 'vitest';
import { briefColumnsOf, RecordMap } from '../../src/core/history.js';

const plain = (columns: object) => Object.fromEntries(Object.entries(columns).map(([k, v]) => [k, [...(v as Float64Array)]]));

describe('brief columns', () => {
  it('of an empty history are those of cards that have none, without looking each one up', () => {
    const keys = ['a/1', 'a/2', 'b/1'];
    const empty = plain(new RecordMap().briefsOf(keys));
    expect(empty).toEqual(plain(briefColumnsOf(keys.length, () => undefined)));
    expect(empty).toEqual({ known: [0, 0, 0], due: [NaN, NaN, NaN], state: [0, 0, 0], suspended: [0, 0, 0], buriedUntil: [NaN, NaN, NaN], quizWrongAt: [NaN, NaN, NaN] });
  });
});
