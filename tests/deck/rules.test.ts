/** Every validation rule has its own fixture; each fixture must produce exactly its rule at its place. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDeckBytes } from '../../src/deck/parse-deck.js';
import { Rule } from '../../src/deck/rules.js';
import { runCrss } from '../helpers/run-crss.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/rules');

/** fixture file -> [rule, line, column, message] expected (under --strict where the rule needs it). */
const EXPECTED: Record<string, [string, number, number, string]> = {
  'yaml-syntax.yaml': ['yaml-syntax', 7, 1, 'Missing closing "quote'],
  'deck-not-mapping.yaml': ['deck-not-mapping', 1, 1, 'a deck file must be a mapping with deck, title and cards'],
  'missing-field.yaml': ['missing-field', 1, 1, "missing required field 'title'"],
  'unknown-key.yaml': ['unknown-key', 5, 5, "unknown key 'fornt' (did you mean 'front'?)"],
  'wrong-type.yaml': ['wrong-type', 6, 13, '\'answer\' must be text, found the number 68 (quote it: "68")'],
  'empty-text.yaml': ['empty-text', 5, 12, "'front' is empty"],
  'bad-slug.yaml': ['bad-slug', 1, 7, "deck 'Bad_Slug' is not a slug (lower-case letters and digits joined by single hyphens, e.g. 'active-listening')"],
  'bad-domain.yaml': ['bad-domain', 3, 9, "unknown domain 'mentorship'; domains are advocacy, professional-responsibility, mentoring, recovery-support"],
  'bad-format-version.yaml': ['bad-format-version', 3, 9, 'unsupported format 2; this crss reads format 1'],
  'bad-source.yaml': ['bad-source', 7, 13, "source 'ftp://example.org/x' is not an http(s) URL"],
  'empty-deck.yaml': ['empty-deck', 3, 8, 'the deck has no cards'],
  'card-kind.yaml': ['card-kind', 4, 5, 'a card is either a flashcard (front, back) or a question (question, answer, distractors), not both'],
  'duplicate-card-id.yaml': ['duplicate-card-id', 7, 9, "duplicate card id 'a' (first used at line 4)"],
  'former-id-in-use.yaml': ['former-id-in-use', 5, 16, "former id 'contemplation-stage' is the id of the card at line 8; a former id must be one no card has now"],
  'duplicate-former-id.yaml': ['duplicate-former-id', 9, 31, "former id 'old-stage' is already listed by card 'stage-not-yet' at line 5"],
  'bad-slug-formerly.yaml': ['bad-slug', 5, 16, "former id 'Old_Stage' is not a slug (lower-case letters and digits joined by single hyphens, e.g. 'active-listening')"],
  'distractor-count.yaml': ['distractor-count', 7, 18, 'a question needs 1 to 5 distractors, found 6'],
  'answer-in-distractors.yaml': ['answer-in-distractors', 7, 31, 'this distractor repeats the answer'],
  'duplicate-distractor.yaml': ['duplicate-distractor', 7, 25, "distractor 'y' appears twice"],
  'duplicate-text.yaml': ['duplicate-text', 8, 12, 'the same front as the card at line 5'],
  'text-too-long.yaml': ['text-too-long', 5, 12, "'front' is 499 characters; more than 400 is hard to read in a terminal"],
  'missing-source.yaml': ['missing-source', 4, 5, 'the card has no source (add a source URL where the fact can be checked)'],
  'missing-explanation.yaml': ['missing-explanation', 4, 5, 'the question has no explanation (say why the answer is right)'],
  'control-character.yaml': ['control-character', 5, 17, 'control character U+001B is not allowed in deck text'],
  'control-character-bidi.yaml': ['control-character', 5, 17, 'control character U+202E is not allowed in deck text'],
  'yaml-limits-binary.yaml': ['yaml-limits', 5, 13, 'file is not UTF-8 text (is it a binary file?)'],
  'yaml-limits-alias.yaml': ['yaml-limits', 16, 12, 'more than 100 aliases (an alias bomb?)'],
};

describe('validation rules', () => {
  it('has a fixture for every rule that a single file can break', () => {
    const covered = new Set(Object.values(EXPECTED).map(([rule]) => rule));
    const fileRules = Object.values(Rule).filter((r) => r !== Rule.duplicateDeckId && r !== Rule.fileRead);
    expect([...fileRules].filter((r) => !covered.has(r))).toEqual([]);
    expect(readdirSync(FIXTURES).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const [file, [rule, line, column, message]] of Object.entries(EXPECTED)) {
    it(`${file} reports ${rule} at ${line}:${column}`, () => {
      const path = join(FIXTURES, file);
      const { deck, problems } = parseDeckBytes(readFileSync(path), path, { strict: true });
      expect(deck).toBeNull();
      const found = problems.filter((p) => p.rule === rule);
      expect(found[0]).toEqual({ file: path, line, column, severity: rule === 'duplicate-text' || rule === 'text-too-long' ? 'warning' : 'error', rule, message });
    });
  }

  it('finds an alias flood whose anchors follow a flow indicator, and reads "Q&A" as text', () => {
    const flood = ['deck: bomb', 'title: t', 'x: [&a "lol", &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]]'];
    for (const [name, ref] of [['c', 'b'], ['d', 'c'], ['e', 'd'], ['f', 'e'], ['g', 'f'], ['h', 'g'], ['i', 'h'], ['j', 'i'], ['k', 'j'], ['l', 'k'], ['m', 'l']]) {
      flood.push(`${name}: [&${name} [${Array(10).fill(`*${ref}`).join(',')}]]`);
    }
    flood.push('cards:', '  - id: a', '    front: x', '    back: y');
    const bomb = parseDeckBytes(Buffer.from(flood.join('\n')), 'bomb.yaml');
    expect(bomb.problems.map((p) => p.message)).toContain('more than 100 aliases (an alias bomb?)');
    const text = parseDeckBytes(Buffer.from('deck: qa\ntitle: Q&A & more\ncards:\n  - id: a\n    front: R&D\n    back: "fish & chips"\n'), 'qa.yaml');
    expect(text.problems).toEqual([]);
    expect(text.deck?.title).toBe('Q&A & more');
  });

  it('refuses a control character made by an escape in a double-quoted value, and reads the same text elsewhere as written', () => {
    const escaped = parseDeckBytes(Buffer.from('deck: e\ntitle: t\ncards:\n  - id: a\n    front: "x\\e]52;c;aGk=\\a"\n    back: y\n'), 'e.yaml');
    expect(escaped.problems.map((p) => `${p.line}:${p.column} ${p.rule}`)).toEqual(['5:12 control-character']);
    const literal = parseDeckBytes(Buffer.from("deck: e\ntitle: t\ncards:\n  - id: a\n    front: 'x\\e]52;c;aGk=\\a'\n    back: |\n      x\\e y\n"), 'e.yaml');
    expect(literal.problems).toEqual([]);
    expect(literal.deck?.cards[0]).toMatchObject({ front: 'x\\e]52;c;aGk=\\a', back: 'x\\e y\n' });
  });

  // Plain scalars go through one combined test before the core schema's own (parse-deck.ts): the values must stay the core schema's.
  it.each([
    ['68', "'front' must be text, found the number 68 (quote it: \"68\")"],
    ['-1.5e3', "'front' must be text, found the number -1.5e3 (quote it: \"-1.5e3\")"],
    ['0x1F', "'front' must be text, found the number 0x1F (quote it: \"0x1F\")"],
    ['.inf', "'front' must be text, found the number .inf (quote it: \".inf\")"],
    ['True', "'front' must be text, found the boolean True (quote it: \"True\")"],
    ['~', "'front' must be text, found nothing"],
    ['', "'front' must be text, found nothing"],
    ['!!int "5"', "'front' must be text, found the number 5 (quote it: \"5\")"],
    ['!!str 5', null],
    ['yes', null],
    ['0o8', null],
    ['Truee', null],
    ['12:30', null],
    ['"68"', null],
  ])('reads the plain scalar front: %s as the YAML core schema does', (value, message) => {
    const { problems } = parseDeckBytes(Buffer.from(`deck: d\ntitle: t\ncards:\n  - id: a\n    front: ${value}\n    back: b\n`), 'd.yaml');
    expect(problems.map((p) => p.message)).toEqual(message === null ? [] : [message]);
  });

  it('accepts a valid deck of both card kinds and inherits topics and domain', () => {
    const path = join(import.meta.dirname, '../fixtures/valid/two-kinds.yaml');
    const { deck, problems } = parseDeckBytes(readFileSync(path), path, { strict: true });
    expect(problems).toEqual([]);
    expect(deck?.cards.map((c) => [c.key, c.kind, c.topics, c.domain, c.line])).toEqual([
      ['sample/relationship-first', 'flashcard', ['relationships', 'trust'], 'mentoring', 7],
      ['sample/first-step', 'question', ['relationships', 'trust', 'scenario'], 'advocacy', 12],
    ]);
  });

  it('names both files when two decks share an id, and exits 1', () => {
    const valid = join(import.meta.dirname, '../fixtures/valid/two-kinds.yaml');
    const copy = join(import.meta.dirname, '../fixtures/duplicate-deck/copy.yaml');
    const result = runCrss(['validate', valid, copy]);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe(
      "tests/fixtures/valid/two-kinds.yaml:2:7: error: deck id 'sample' is also used by " +
        `${copy} [duplicate-deck-id]\n2 files, 2 cards checked: 1 error, 0 warnings\n`,
    );
  });

});
