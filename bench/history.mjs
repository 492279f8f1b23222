// Writes a large review history straight into a data folder's log, in the store's own line format
// (appending 200,000 events through the store would fsync 200,000 times).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';

function line(event) {
  const json = JSON.stringify(event);
  return `{"crc":"${crc32(json).toString(16).padStart(8, '0')}","e":${json}}\n`;
}

export function writeHistory(dataDir, device, deck, cards, reviews) {
  mkdirSync(join(dataDir, 'logs'), { recursive: true });
  const parts = [line({ type: 'header', schema: 1, device })];
  const start = Date.parse('2025-06-01T09:00:00Z');
  const perCard = Math.ceil(reviews / cards);
  let n = 0;
  for (let c = 0; c < cards && n < reviews; c++) {
    let before = null;
    for (let r = 0; r < perCard && n < reviews; r++, n++) {
      const time = new Date(start + (r * 20 + (c % 20)) * 86_400_000).toISOString();
      const after = {
        due: new Date(Date.parse(time) + 20 * 86_400_000).toISOString(),
        stability: 5 + r,
        difficulty: 5,
        scheduledDays: 20,
        learningSteps: 0,
        reps: r + 1,
        lapses: 0,
        state: 'review',
        lastReview: time,
      };
      parts.push(line({ type: 'review', id: `${device}-gen-${n}`, time, session: 'gen', card: `${deck}/card-${c}`, rating: 3, durationMs: 4000, contentHash: 'generated', before, after }));
      before = after;
    }
  }
  writeFileSync(join(dataDir, 'logs', `${device}.jsonl`), parts.join(''));
}

/**
 * Writes `attempts` quizzes of `perAttempt` answers each (every tenth an exam), as crss writes them:
 * what `crss quiz history` reads after a long preparation.
 */
export function writeQuizHistory(dataDir, device, attempts, perAttempt) {
  mkdirSync(join(dataDir, 'logs'), { recursive: true });
  const parts = [line({ type: 'header', schema: 1, device })];
  const start = Date.parse('2025-06-01T09:00:00Z');
  const domains = ['advocacy', 'mentoring', 'professional-responsibility', 'recovery-support'];
  for (let a = 0; a < attempts; a++) {
    const session = `quiz${a}`;
    const startedAt = new Date(start + a * 3_600_000).toISOString();
    const exam = a % 10 === 9;
    const attempt = { startedAt, questions: perAttempt, filter: exam ? {} : { topics: ['relationships'] } };
    for (let q = 0; q < perAttempt; q++) {
      const time = new Date(Date.parse(startedAt) + (q + 1) * 30_000).toISOString();
      const correct = (a + q) % 3 !== 0;
      parts.push(line({ type: 'quiz', id: `${device}-${session}-${q + 1}`, time, session, card: `relationships/q-${(a * 7 + q) % 300}`, chosen: correct ? 'Right' : 'Wrong', correct, durationMs: 30_000, quizMode: exam ? 'exam' : 'tutor', attempt, domain: domains[q % 4] }));
    }
  }
  writeFileSync(join(dataDir, 'logs', `${device}.jsonl`), parts.join(''));
}
