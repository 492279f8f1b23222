/**
 * The lint's word numbers: StemNumbers reads words straight from the text, without making a string of
 * each, and must number them exactly as splitting with `words` and stemming with `stem` would.
 */
import { describe, expect, it } from 'vitest';
import { COMMON_WORDS, StemNumbers, stem, words } from '../../src/deck/text-measures.js';

/** Checks that `numbers` gave the words of `texts` one number per stem and a different one per stem. */
function expectSameAsStrings(numbers: StemNumbers, texts: string[]): void {
  const numberOfStem = new Map<string, number>();
  const stemOfNumber = new Map<number, string>();
  const wrong: string[] = [];
  for (const text of texts) {
    const got = numbers.ofText(text);
    const expected = words(text).map(stem);
    if (got.length !== expected.length) wrong.push(`${JSON.stringify(text)}: ${got.length} words, not ${expected.length}`);
    expected.forEach((s, i) => {
      const n = got[i]!;
      if ((numberOfStem.get(s) ?? n) !== n || (stemOfNumber.get(n) ?? s) !== s) wrong.push(`${JSON.stringify(text)}: '${s}' is number ${n}`);
      numberOfStem.set(s, n);
      stemOfNumber.set(n, s);
      if (numbers.isCommon(n) !== COMMON_WORDS.has(s)) wrong.push(`'${s}': common is ${numbers.isCommon(n)}`);
    });
    // A word given alone (as the lint does with an id's parts) has the number it had in the text.
    for (const word of words(text)) if (numbers.of(word) !== numberOfStem.get(stem(word))) wrong.push(`of('${word}')`);
  }
  expect(wrong.slice(0, 10)).toEqual([]);
  expect(numberOfStem.size).toBeGreaterThan(0);
}

describe('stem', () => {
  it('takes off the first suffix of its list that leaves four letters or more', () => {
    const stems = ['reflections', 'listening', 'supported', 'strengths', 'stations', 'stationsed', 'studies', 'wings', 'goals', 'plan', 'needs', 'sing', 'hoping'].map(stem);
    expect(stems).toEqual(['reflect', 'listen', 'support', 'strength', 'stat', 'stations', 'stud', 'wing', 'goal', 'plan', 'need', 'sing', 'hoping']);
  });
});

describe('StemNumbers', () => {
  it('numbers stems as words and stem do, whatever the case, accents and punctuation', () => {
    const texts = [
      'Listening, LISTEN and listens: the Strengths of a strength-based plan.',
      'Café CAFE cafés naïve NAIVE façade: accents off, as words() does.',
      'The Kelvin sign \u212a and script \u210c are not plain letters; ß stays out.',
      'stations stationsed station stationed reflections reflect supported supports',
      'Recovery support specialists support recovery: common words, and trust (rare).',
      'x1 2025 h2o A-1 e.g. U.S. don\u2019t — dashes\u2014and\u00a0spaces',
      '',
      '   ',
      'ZZZ zzz Zzz zzzs zzzing',
    ];
    expectSameAsStrings(new StemNumbers(), texts);
  });

  it('stays right past many thousands of distinct words (the tables grow)', () => {
    let seed = 11;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
    const suffixes = ['', '', 's', 'ing', 'ed', 'ations', 'ies', 'es', 'ions', 'ation'];
    const word = () => {
      let w = '';
      for (let k = 2 + Math.floor(random() * 8); k > 0; k--) w += letters[Math.floor(random() * letters.length)];
      return w + suffixes[Math.floor(random() * suffixes.length)];
    };
    const vocabulary = Array.from({ length: 30_000 }, word);
    const texts = Array.from({ length: 4_000 }, () => Array.from({ length: 20 }, () => vocabulary[Math.floor(random() * vocabulary.length)]).join(random() < 0.5 ? ' ' : ', '));
    expectSameAsStrings(new StemNumbers(), texts);
  });
});
