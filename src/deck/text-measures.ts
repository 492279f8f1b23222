/**
 * Words of deck text as the item-writing lint sees them: lower-case, split on anything that is not a
 * letter or digit, each reduced to a rough stem so that "strengths" and "strength", "listening" and
 * "listen" count as one word. The stemmer is deliberately crude: it only has to tell whether two options
 * share a word, and it errs on the side of calling words the same (fewer false alarms).
 */

export function words(text: string): string[] {
  return text.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').match(/[a-z0-9]+/g) ?? [];
}

/** "reflections" -> "reflect", "listening" -> "listen", "supported" -> "support". */
export function stem(word: string): string {
  for (const suffix of ['ations', 'ation', 'ings', 'ing', 'ions', 'ion', 'ies', 'ed', 'es', 's']) {
    if (word.endsWith(suffix) && word.length - suffix.length >= 4) return word.slice(0, -suffix.length);
  }
  return word;
}

export function stems(text: string): Set<string> {
  return new Set(words(text).map(stem));
}

/**
 * Words of five letters or more that say nothing about a fact, so repeating one from the question in the
 * answer is no cue: English function words, and the words of this field that nearly every card uses.
 * docs/deck-format.md points here.
 */
export const COMMON_WORDS: ReadonlySet<string> = new Set(
  [
    // English
    'about', 'above', 'after', 'again', 'against', 'almost', 'along', 'already', 'although', 'always', 'among',
    'another', 'answer', 'anyone', 'anything', 'around', 'asked', 'asking', 'because', 'become', 'becomes',
    'before', 'being', 'below', 'best', 'better', 'between', 'cannot', 'could', 'describe', 'describes',
    'during', 'each', 'either', 'enough', 'every', 'everyone', 'example', 'first', 'following', 'found',
    'given', 'going', 'great', 'having', 'itself', 'known', 'large', 'later', 'least', 'little', 'makes',
    'making', 'maybe', 'might', 'more', 'most', 'much', 'never', 'often', 'other', 'others', 'ought', 'own',
    'people', 'person', 'perhaps', 'place', 'point', 'quite', 'rather', 'really', 'right', 'said', 'says',
    'second', 'seems', 'several', 'should', 'since', 'small', 'something', 'sometimes', 'still', 'such',
    'taken', 'takes', 'taking', 'their', 'theirs', 'them', 'themselves', 'there', 'these', 'thing', 'things',
    'think', 'third', 'those', 'though', 'three', 'through', 'today', 'together', 'under', 'until', 'using',
    'usually', 'very', 'wants', 'where', 'whether', 'which', 'while', 'whole', 'whose', 'within', 'without',
    'would', 'wrong', 'years', 'yourself', 'correct', 'statement', 'describes', 'called', 'means', 'meaning',
    'option', 'options', 'choose', 'chosen', 'following', 'likely', 'fitting', 'appropriate', 'response',
    'respond', 'responds', 'reply', 'according',
    // this field: words nearly every card says
    'recovery', 'support', 'supports', 'supporting', 'specialist', 'specialists', 'worker', 'workers',
    'service', 'services', 'mental', 'health', 'substance', 'program', 'programs', 'client', 'participant',
    'individual', 'individuals', 'crss',
  ].map(stem),
);
