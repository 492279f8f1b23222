#!/usr/bin/env node
// Makes the example screens of the README (`crss` and `crss stats`) from a simulated learner, through
// the real binary and its plain protocol, so that the screens show what crss prints rather than what
// someone typed: `npm run build && node docs/screens.mjs`.
//
// The learner studies the bundled decks on 28 of 35 days (up to 60 cards a session), rating new cards
// Good 85% of the time and reviews Again 10% of the time; takes a ten-question quiz every week and a
// 40-question practice exam in the last week, answering right 70% of the time. The learner is seeded;
// FSRS's interval fuzz (on by default) and the time sessions really take still move the figures a little.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { isolatedEnv } from '../bench/measure.mjs';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const BIN = join(ROOT, 'bin/crss.js');
const DAYS = 35;
const START = Date.parse('2026-10-30T18:00:00Z');
const DAY_MS = 86_400_000;
const EXAM_DATE = '2026-12-20';

/** A seeded stream of numbers in [0, 1), from SHA-256 of the seed and a counter: the same learner every run. */
function seeded(seed) {
  let n = 0;
  return () => createHash('sha256').update(`${seed}:${n++}`).digest().readUInt32BE(0) / 2 ** 32;
}
const random = seeded('crss-screens');

const home = mkdtempSync(join(tmpdir(), 'crss-screens-'));
const env = { ...isolatedEnv(home, 'laptop'), COLUMNS: '80' };
const at = (day, hour = 0) => new Date(START + day * DAY_MS + hour * 3_600_000).toISOString();

/** Each question's answer, by its question text, to answer quizzes as a learner who knows most of them. */
const answers = new Map();
for (const file of readdirSync(join(ROOT, 'decks')).filter((f) => f.endsWith('.yaml'))) {
  for (const card of parse(readFileSync(join(ROOT, 'decks', file), 'utf8')).cards) {
    if (card.question) answers.set(card.question.trim(), { answer: card.answer.trim(), options: 1 + card.distractors.length });
  }
}

/** Runs crss with its stdin fed line by line by `reply`, which sees each line crss prints. */
function converse(args, now, reply) {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...env, CRSS_NOW: now }, stdio: ['pipe', 'pipe', 'pipe'] });
    let buffered = '';
    let ended = false;
    const send = (line) => {
      if (ended) return;
      if (line === null) {
        ended = true;
        child.stdin.end();
      } else child.stdin.write(`${line}\n`);
    };
    child.stdin.on('error', () => {}); // crss may end before reading everything
    child.stdout.on('data', (chunk) => {
      buffered += chunk;
      let nl;
      while ((nl = buffered.indexOf('\n')) !== -1) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        reply(line, send);
      }
    });
    child.on('error', fail);
    child.on('close', (code) => (code === 0 || code === 1 ? done(code) : fail(new Error(`crss ${args.join(' ')} exited ${code}`))));
  });
}

function run(args, now) {
  const result = spawnSync(process.execPath, [BIN, ...args], { env: { ...env, CRSS_NOW: now }, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`crss ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return result.stdout;
}

/** One study session: reveal, then rate as the learner would; at most `limit` cards. */
function study(now, limit) {
  let shown = 0;
  let isNew = false;
  return converse(['study', '--plain'], now, (line, send) => {
    if (/^\[\d+\/\d+\] /.test(line)) {
      shown++;
      isNew = line.endsWith('· new');
      if (shown > limit) send(null);
    } else if (line.startsWith('(Enter: show answer') || line.startsWith('(A-F: answer')) {
      send('');
    } else if (line.startsWith('(Enter: ')) {
      const r = random();
      send(isNew ? (r < 0.1 ? '1' : r < 0.95 ? '3' : '4') : r < 0.1 ? '1' : r < 0.15 ? '2' : r < 0.95 ? '3' : '4');
    } else if (line.startsWith('Session over.')) {
      send(null);
    }
  });
}

/** A quiz or practice exam: each question answered right with probability `skill`. */
function quiz(args, now, skill) {
  let known;
  let options = [];
  return converse(['quiz', '--plain', ...args], now, (line, send) => {
    if (line.startsWith('Q: ')) {
      known = answers.get(line.slice(3).trim());
      options = [];
    } else if (/^ {2}[A-F]\) /.test(line) && known) {
      options.push(line.slice(5).trim());
      // crss waits for the answer once the last option is out: the deck says how many there are.
      if (options.length < known.options) return;
      const right = options.indexOf(known.answer);
      const wrong = options.map((_, i) => i).filter((i) => i !== right);
      const choice = right >= 0 && random() < skill ? right : wrong[Math.floor(random() * wrong.length)];
      known = undefined;
      send('ABCDEF'[choice]);
    }
  });
}

run(['config', 'set', 'exam-date', EXAM_DATE], at(0));
for (let day = 0; day < DAYS; day++) {
  if (random() < 0.2 && day < DAYS - 1) continue; // a day off
  await study(at(day), 60);
  if (day % 7 === 6) await quiz(['--count', '10', '--seed', `week-${day}`], at(day, 1), 0.7);
  if (day === DAYS - 4) await quiz(['--exam', '--count', '40', '--seed', 'practice'], at(day, 2), 0.7);
}
const today = at(DAYS - 1, 3);
console.log('$ crss');
console.log(run([], today));
console.log('$ crss stats');
console.log(run(['stats'], today));
rmSync(home, { recursive: true, force: true });
