/**
 * Rule ids of the validator. They are public and stable: deck repositories filter on them in CI.
 * docs/deck-format.md lists them; keep the two in step.
 */
export const Rule = {
  yamlSyntax: 'yaml-syntax',
  yamlLimits: 'yaml-limits',
  fileRead: 'file-read',
  controlCharacter: 'control-character',
  deckNotMapping: 'deck-not-mapping',
  missingField: 'missing-field',
  unknownKey: 'unknown-key',
  wrongType: 'wrong-type',
  emptyText: 'empty-text',
  badSlug: 'bad-slug',
  badDomain: 'bad-domain',
  badFormatVersion: 'bad-format-version',
  badSource: 'bad-source',
  emptyDeck: 'empty-deck',
  cardKind: 'card-kind',
  duplicateCardId: 'duplicate-card-id',
  formerIdInUse: 'former-id-in-use',
  duplicateFormerId: 'duplicate-former-id',
  duplicateDeckId: 'duplicate-deck-id',
  distractorCount: 'distractor-count',
  answerInDistractors: 'answer-in-distractors',
  duplicateDistractor: 'duplicate-distractor',
  duplicateText: 'duplicate-text',
  textTooLong: 'text-too-long',
  missingSource: 'missing-source',
  missingExplanation: 'missing-explanation',
} as const;

export type RuleId = (typeof Rule)[keyof typeof Rule];

/**
 * Rule ids of the item-writing lint (src/deck/item-lint.ts): warnings, errors under --strict. Public and
 * stable like the ones above.
 */
export const LintRule = {
  idGivesAnswer: 'id-gives-answer',
  lengthCue: 'length-cue',
  longAnswer: 'long-answer',
  optionByPlace: 'option-by-place',
  stemEcho: 'stem-echo',
  nearDuplicate: 'near-duplicate',
} as const;

/** Limits that keep hostile files from hurting the process, and why each value. */
export const Limits = {
  /** 40,000 typical cards fit in 8 MiB; anything larger is not a hand-written deck and would parse for seconds. */
  maxFileBytes: 8 * 1024 * 1024,
  /** Real decks nest about 4 levels; yaml can abort Node on ~900 (see pitfalls). */
  maxNesting: 64,
  /** Anchors are allowed for shared text; more resolutions than this is an alias bomb. */
  maxAliases: 100,
  minDistractors: 1,
  maxDistractors: 5,
} as const;

/** The problem with a file over Limits.maxFileBytes (found before reading it, or by the parser). */
export function fileTooLarge(bytes: number): string {
  return `file is ${(bytes / 1024 / 1024).toFixed(1)} MiB; a deck may be at most ${Limits.maxFileBytes / 1024 / 1024} MiB (split it into several decks)`;
}

/** Lengths above which text is hard to read in an 80-column terminal (warning `text-too-long`). */
export const TextLimits = {
  prompt: 400,
  body: 800,
  option: 200,
} as const;
