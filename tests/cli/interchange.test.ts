/** Export and import through the real binary: Anki's header, round trips, reported lines. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDeckBytes } from '../../src/deck/parse-deck.js';
import { isolatedEnv, runCrss, tempDir } from '../helpers/run-crss.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/valid');
const env = () => isolatedEnv({ CRSS_DECKS: FIXTURES });

function cardsOf(file: string) {
  const { deck, problems } = parseDeckBytes(readFileSync(file), file);
  expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
  return deck!.cards.map(({ line: _line, deck: _deck, key: _key, ...card }) => card);
}

describe('crss export', () => {
  it('writes Anki text with the header lines Anki needs and a stable GUID per card', () => {
    const r = runCrss(['export', '--format', 'anki', '--deck', 'sample'], { env: env() });
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines.slice(0, 6)).toEqual(['#separator:tab', '#html:false', '#notetype:Basic', '#tags column:3', '#guid column:4', '#deck column:5']);
    // A flashcard's back names its source, as a question's does.
    expect(lines[6]).toBe('What comes before any plan in peer support?\t"The relationship.');
    expect(lines[7]).toBe('');
    expect(lines[8]!.split('\t')).toEqual(['Source: https://example.org/a"', 'sample relationships trust mentoring', expect.stringMatching(/^crss:[A-Za-z0-9_-]{16}$/), 'CRSS::Sample deck']);
    const again = runCrss(['export', '--format', 'anki', '--deck', 'sample'], { env: env() });
    expect(again.stdout).toBe(r.stdout);
    expect(r.stdout).toContain('"A person says every service let them down. What fits first?\n');
  });

  it('writes CSV with a header row and JSON of the decks', () => {
    const csv = runCrss(['export', '--format', 'csv', '--deck', 'sample'], { env: env() });
    expect(csv.stdout.split('\n')[0]).toBe('deck,id,kind,front,back,question,answer,distractors,explanation,topics,domain,source');
    const json = JSON.parse(runCrss(['export', '--format', 'json', '--deck', 'sample'], { env: env() }).stdout);
    expect(json[0]).toMatchObject({ deck: 'sample', title: 'Sample deck', domain: 'mentoring', topics: ['relationships'] });
    expect(json[0].cards[1]).toMatchObject({ id: 'first-step', kind: 'question', answer: 'Listen and acknowledge how hard that was.' });
  });

  it('refuses to overwrite an existing file and rejects an unknown deck', () => {
    const dir = tempDir();
    const out = join(dir, 'x.csv');
    writeFileSync(out, 'keep me');
    const r = runCrss(['export', '--format', 'csv', '-o', out], { env: env() });
    expect(r).toMatchObject({ status: 1, stderr: `crss: ${out} already exists; choose another file name or remove it first\n` });
    expect(readFileSync(out, 'utf8')).toBe('keep me');
    expect(runCrss(['export', '--format', 'csv', '--deck', 'nope'], { env: env() }).status).toBe(2);
  });
});

describe('crss export --format anki, of the bundled decks', () => {
  const r = runCrss(['export', '--format', 'anki'], { env: isolatedEnv() });
  const notes = r.stdout
    .replace(/^#.*\n/gm, '')
    .split(/\t(crss:[A-Za-z0-9_-]{16})\t([^\n]*)\n/)
    .reduce<string[][]>((rows, part, i, parts) => (i % 3 === 0 && i + 2 < parts.length ? [...rows, [part, parts[i + 1]!, parts[i + 2]!]] : rows), []);

  it('names each tag once', () => {
    expect(notes.length).toBeGreaterThan(300);
    for (const [fields] of notes) {
      const tags = fields!.slice(fields!.lastIndexOf('\t') + 1).split(' ');
      expect(tags, fields).toEqual([...new Set(tags)]);
    }
    // The advocacy deck's domain and topic are both 'advocacy': once.
    expect(r.stdout).toMatch(/\tadvocacy self-advocacy\tcrss:/);
  });

  it('puts each crss deck in an Anki deck of its own', () => {
    const decks = new Set(notes.map((n) => n[2]));
    const titles = (JSON.parse(runCrss(['decks', '--json'], { env: isolatedEnv() }).stdout) as { title: string }[]).map((d) => `CRSS::${d.title}`);
    expect(titles.length).toBeGreaterThan(5);
    expect([...decks].sort()).toEqual(titles.sort());
  });
});

describe('crss import', () => {
  it('CSV export then import gives back the same cards, and the deck validates', () => {
    const dir = tempDir();
    const csv = join(dir, 'sample.csv');
    expect(runCrss(['export', '--format', 'csv', '--deck', 'sample', '-o', csv], { env: env() }).status).toBe(0);
    const yaml = join(dir, 'back.yaml');
    const r = runCrss(['import', csv, '-o', yaml], { env: env() });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(`Imported 2 cards into deck 'sample' (${yaml}). Check it with: crss validate ${yaml}\n`);
    expect(runCrss(['validate', yaml], { env: env() }).status).toBe(0);
    expect(cardsOf(yaml)).toEqual(cardsOf(join(FIXTURES, 'two-kinds.yaml')));
  });

  it('Anki export then import gives back the flashcards, with stable ids', () => {
    const dir = tempDir();
    const txt = join(dir, 'anki.txt');
    expect(runCrss(['export', '--format', 'anki', '--deck', 'study-sample', '-o', txt], { env: env() }).status).toBe(0);
    const a = runCrss(['import', txt], { env: env() });
    const b = runCrss(['import', txt], { env: env() });
    expect(a.stdout).toBe(b.stdout);
    const yaml = join(dir, 'anki.yaml');
    writeFileSync(yaml, a.stdout);
    const imported = cardsOf(yaml);
    const original = cardsOf(join(FIXTURES, 'study.yaml')).filter((c) => c.kind === 'flashcard');
    expect(imported.filter((c) => c.kind === 'flashcard').slice(0, 2).map((c) => [c.kind === 'flashcard' && c.front, c.kind === 'flashcard' && c.back])).toEqual(
      original.map((c) => [c.kind === 'flashcard' && c.front, c.kind === 'flashcard' && c.back]),
    );
    expect(imported[0]!.topics).toEqual(['study-sample', 'relationships', 'trust', 'mentoring']);
    expect(imported[0]!.domain).toBe('mentoring');
  });

  it('reads distractors written a;b;c as several options, and one a line as crss export writes them', () => {
    const dir = tempDir();
    const csv = join(dir, 'options.csv');
    writeFileSync(csv, 'question,answer,distractors\nWhich comes first?,The relationship,The plan;The rules; The paperwork\nAnd here?,Listening,"Talking; then listening\nWaiting"\n');
    const r = runCrss(['import', csv], { env: env() });
    expect(r).toMatchObject({ status: 0, stderr: '' });
    const yaml = join(dir, 'options.yaml');
    writeFileSync(yaml, r.stdout);
    const [first, second] = cardsOf(yaml);
    expect(first).toMatchObject({ question: 'Which comes first?', distractors: ['The plan', 'The rules', 'The paperwork'] });
    expect(second).toMatchObject({ distractors: ['Talking; then listening', 'Waiting'] });
  });

  it('reports the media and the extra fields of an Anki export that it leaves out', () => {
    const dir = tempDir();
    const txt = join(dir, 'anki.txt');
    writeFileSync(txt, '#separator:tab\n#html:true\n#tags column:3\nWhat is shown?<img src="chart.png">\tHope [sound:hope.mp3]\ttrust\ta note\nPlain\tText\ttrust\t\textra\n');
    const r = runCrss(['import', txt], { env: env() });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(`${txt}:4: media left out (image chart.png, sound hope.mp3): crss decks hold text only\n${txt}: fields 4 and 5 of 2 lines not imported: crss reads the front, the back, the tags and the guid\n`);
    expect(r.stdout).toContain('front: What is shown?\n    back: Hope\n');
    const named = join(dir, 'named.csv');
    writeFileSync(named, 'front,back,notes\nA,B,C\n');
    expect(runCrss(['import', named], { env: env() }).stderr).toBe(`${named}:1: column 'notes' not imported: crss cards have no such field\n`);
  });

  it('imports a plain TSV without headers and reports every line it cannot use, with its number', () => {
    const dir = tempDir();
    const tsv = join(dir, 'my notes.tsv');
    writeFileSync(tsv, 'What is rapport?\tA warm, trusting connection.\nonly a front\n\n"Multi\nline"\tback\nbad \u001b[2J\tx\n');
    const r = runCrss(['import', tsv], { env: env() });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(`${tsv}:2: skipped: needs a front and a back (found 1 non-empty field)\n${tsv}:6: skipped: control character U+001B is not allowed in deck text\n`);
    expect(r.stdout).toContain('deck: my-notes\n');
    expect(r.stdout).toMatch(/id: what-is-rapport-[0-9a-f]{6}\n/);
    const yaml = join(dir, 'out.yaml');
    writeFileSync(yaml, r.stdout);
    expect(cardsOf(yaml)).toHaveLength(2);
  });
});
