#!/usr/bin/env node
// `npm run bench`: every speed goal of crss, measured side by side with its baseline on this machine.
// Figures are medians of interleaved runs; ratios (what the goals are stated in) are medians of the
// ratios of adjacent pairs of runs.
import { execSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeDeck } from './generate.mjs';
import { writeHistory, writeQuizHistory } from './history.mjs';
import { isolatedEnv, sideBySide, timeCommand } from './measure.mjs';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const WORK = join(ROOT, '.bench');
const BIN = join(ROOT, 'bin/crss.js');
const node = process.execPath;
const quick = process.argv.includes('--quick');
// Start-up figures are a few milliseconds apart on a machine whose own start varies by as much: 41
// interleaved runs keep the medians steady from one `npm run bench` to the next.
const runs = quick ? 5 : 41;

rmSync(WORK, { recursive: true, force: true });
mkdirSync(WORK, { recursive: true });

const home = join(WORK, 'home');
const baseEnv = isolatedEnv(home, 'bench');
const nodeBare = [node, '-e', '0'];
const rows = [];

function row(goal, result, limit, note = '') {
  const ok = result.ratio <= limit;
  rows.push({ goal, ...result, limit, ok, note });
  const fmt = (ms) => `${ms.toFixed(1)} ms`;
  console.log(`${ok ? 'ok  ' : 'SLOW'} ${goal}: ${fmt(result.subjectMs)} vs ${fmt(result.baselineMs)} = ${result.ratio.toFixed(2)}x (goal <= ${limit}x)${note ? ` ${note}` : ''}`);
}

console.log(`crss benchmarks on ${cpus()[0]?.model ?? 'unknown CPU'} x${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}\n`);

// 1. Start-up.
row('crss --version vs node -e 0', sideBySide(nodeBare, [node, BIN, '--version'], { runs, env: baseEnv, baselineOptions: { env: baseEnv } }), 1.25);

// 2. Time to first card and first question with the bundled decks (parse cache warm after the first run).
const studyEnv = { ...baseEnv, CRSS_DATA_DIR: join(WORK, 'data-bundled') };
row('study --plain < /dev/null (bundled decks) vs node -e 0', sideBySide(nodeBare, [node, BIN, 'study', '--plain'], { runs, env: studyEnv, baselineOptions: { env: baseEnv } }), 1.5);
row(
  'quiz --plain --topic relationships < /dev/null vs node -e 0',
  sideBySide(nodeBare, [node, BIN, 'quiz', '--plain', '--topic', 'relationships'], { runs, env: studyEnv, baselineOptions: { env: baseEnv } }),
  1.5,
);

// 2b. Quiz history after 1,000 quizzes of 10 answers (read through its cache after the first run).
const quizData = join(WORK, 'data-quizzes');
writeQuizHistory(quizData, 'bench', 1_000, 10);
const quizEnv = { ...baseEnv, CRSS_DATA_DIR: quizData };
timeCommand([node, BIN, 'quiz', 'history'], { env: quizEnv });
row('quiz history, 1,000 quizzes vs node -e 0', sideBySide(nodeBare, [node, BIN, 'quiz', 'history'], { runs, env: quizEnv, baselineOptions: { env: baseEnv } }), 2);

// 3. Validation of a generated 20,000-card deck against the yaml package parsing the same file.
const yamlParse = (file) => [node, '-e', `require('yaml').parse(require('fs').readFileSync(${JSON.stringify(file)}, 'utf8'))`];
const deck10k = writeDeck(join(WORK, 'decks-10k'), 'gen-10k', 10_000);
const deck20k = writeDeck(join(WORK, 'decks-20k'), 'gen-20k', 20_000);
const vRuns = quick ? 3 : 7;
const v20 = sideBySide(yamlParse(deck20k), [node, BIN, 'validate', deck20k], { runs: vRuns, env: baseEnv });
row('validate 20,000 cards vs yaml.parse of the same file', v20, 1.3);
const v10 = sideBySide(yamlParse(deck10k), [node, BIN, 'validate', deck10k], { runs: vRuns, env: baseEnv });
const scaling = { baselineMs: v10.subjectMs, subjectMs: v20.subjectMs, ratio: v20.subjectMs / v10.subjectMs };
row('validate 20,000 cards vs 10,000 cards (linear: about 2x)', scaling, 2.3);
// The decks above pass the lint, as a deck kept in CI does. A first draft can have thousands of
// warnings: what writing them adds is shown, with no goal of its own.
const deckWarned = writeDeck(join(WORK, 'decks-warned'), 'gen-warned', 20_000, { warnings: true });
const vw = sideBySide(yamlParse(deckWarned), [node, BIN, 'validate', deckWarned], { runs: vRuns, env: baseEnv });
console.log(`     validate 20,000 cards with 8,749 warnings: ${vw.subjectMs.toFixed(1)} ms vs ${vw.baselineMs.toFixed(1)} ms = ${vw.ratio.toFixed(2)}x (no goal)`);

// 4. A big history: 20,000 cards, 200,000 reviews.
const bigData = join(WORK, 'data-big');
const bigEnv = { ...baseEnv, CRSS_DATA_DIR: bigData, CRSS_DECKS: join(WORK, 'decks-20k') };
writeHistory(bigData, 'bench', 'gen-20k', 20_000, 200_000);
// Warm the deck cache and the snapshot, as any second run would have them.
timeCommand([node, BIN, 'study', '--plain', '--deck', 'gen-20k'], { env: bigEnv });
row(
  'time to first card: 20k cards + 200k reviews vs bundled',
  sideBySide([node, BIN, 'study', '--plain'], [node, BIN, 'study', '--plain', '--deck', 'gen-20k'], { runs, env: bigEnv, baselineOptions: { env: studyEnv } }),
  2,
);

// 5. Saving one rating (append + fsync), big history vs empty, in-process.
const save = JSON.parse(execSync(`${node} ${join(ROOT, 'bench/save-rating.mjs')} ${bigData} ${join(WORK, 'data-empty')}`, { encoding: 'utf8' }));
console.log(`     saving one rating: median ${save.bigMs.toFixed(2)} ms with 200k reviews, ${save.emptyMs.toFixed(2)} ms with none (goal <= 5 ms and <= 1.5x)`);
row('save one rating: 200k-review history vs empty', { baselineMs: save.emptyMs, subjectMs: save.bigMs, ratio: save.bigMs / save.emptyMs }, 1.5, `(median ${save.bigMs.toFixed(2)} ms, goal <= 5 ms)`);
if (save.bigMs > 5) rows.at(-1).ok = false;

// 6. Peak memory of a study session over the big history.
const rssFile = join(WORK, 'rss');
timeCommand([node, BIN, 'study', '--plain', '--deck', 'gen-20k'], { env: { ...bigEnv, NODE_OPTIONS: `--require ${join(ROOT, 'bench/report-rss.cjs')}`, CRSS_BENCH_RSS_FILE: rssFile } });
const peakMb = Number(readFileSync(rssFile, 'utf8')) / 1024;
console.log(`${peakMb < 200 ? 'ok  ' : 'BIG '} peak memory, study with 20k cards + 200k reviews: ${peakMb.toFixed(0)} MB (goal < 200 MB)`);

const failed = rows.filter((r) => !r.ok).length + (peakMb < 200 ? 0 : 1);
console.log(failed === 0 ? '\nAll goals met.' : `\n${failed} goal(s) missed.`);
process.exitCode = failed === 0 ? 0 : 1;

