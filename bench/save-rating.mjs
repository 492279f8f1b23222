// Median time to save one rating (append + fsync) through the real store, with a big history and
// with none, measured in one process. Prints JSON: { bigMs, emptyMs }.
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { median } from './measure.mjs';

// The store is bundled here on its own (the CLI bundle exports only main, and loading the store at
// every start-up just for this benchmark would slow every command).
const storeBundle = join(tmpdir(), `crss-bench-store-${process.pid}.cjs`);
await build({
  entryPoints: [fileURLToPath(new URL('../src/store/store.ts', import.meta.url))],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  outfile: storeBundle,
  define: { 'import.meta.filename': '__filename', 'import.meta.dirname': '__dirname' },
  logLevel: 'warning',
});
const { openStore } = createRequire(import.meta.url)(storeBundle);
rmSync(storeBundle, { force: true });
const [bigData, emptyData] = process.argv.slice(2);
const SAVES = 200;

function measure(dataDir) {
  const store = openStore({ dataDir, device: 'bench-save', mode: 'write', now: () => new Date(), warn: () => {} });
  const times = [];
  for (let i = 0; i < SAVES; i++) {
    const time = new Date().toISOString();
    const after = { due: time, stability: 3, difficulty: 5, scheduledDays: 3, learningSteps: 0, reps: 1, lapses: 0, state: 'review', lastReview: time };
    const event = { type: 'review', id: `bench-save-${process.pid}-${i}`, time, session: 'bench', card: `gen-20k/card-${i}`, rating: 3, durationMs: 3000, contentHash: 'x', before: null, after };
    const t0 = process.hrtime.bigint();
    store.append(event);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  store.close();
  return median(times);
}

// Measure on a copy so the benchmark's own ratings do not pile up in the big history.
const bigCopy = `${bigData}-save`;
rmSync(bigCopy, { recursive: true, force: true });
cpSync(bigData, bigCopy, { recursive: true });
rmSync(emptyData, { recursive: true, force: true });
mkdirSync(emptyData, { recursive: true });
const emptyMs = measure(emptyData);
const bigMs = measure(bigCopy);
console.log(JSON.stringify({ bigMs, emptyMs }));
