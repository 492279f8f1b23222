// Cost of saving one event (append + fdatasync) through the real store, with an empty history and
// with 200,000 reviews over 20,000 cards; and the cost of opening that history with a current snapshot.
// Bundles src/store/store.ts with esbuild first, so it measures the source as it is (no build needed).
// Usage: node bench/store-append.js [appends=300]
// Prints one line per figure and a JSON summary; figures are medians in milliseconds.
// (CommonJS, like the package; the ES-module helpers are loaded with import().)
const { buildSync } = require('esbuild');
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const APPENDS = Number(process.argv[2] ?? 300);
const OPENS = 15;
const DEVICE = 'bench';

const work = mkdtempSync(join(tmpdir(), 'crss-bench-store-'));
const bundle = join(work, 'store.cjs');
buildSync({ entryPoints: [join(__dirname, '../src/store/store.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: bundle, logLevel: 'warning' });
const { openStore } = require(bundle);

const quiet = { now: () => new Date(), warn: (m) => console.error(`warn: ${m}`) };

function review(i) {
  const time = new Date().toISOString();
  const after = { due: time, stability: 3, difficulty: 5, scheduledDays: 3, learningSteps: 0, reps: 1, lapses: 0, state: 'review', lastReview: time };
  return { type: 'review', id: `${DEVICE}-${process.pid}-${i}`, time, session: 'bench', card: `gen-20k/card-${i % 20_000}`, rating: 3, durationMs: 3000, contentHash: 'x', before: null, after };
}

let median;

function appendMedian(dataDir) {
  const store = openStore({ dataDir, device: DEVICE, mode: 'write', ...quiet });
  const times = [];
  for (let i = 0; i < APPENDS; i++) {
    const event = review(i);
    const t0 = process.hrtime.bigint();
    store.append(event);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  store.close();
  return median(times);
}

function openMedian(dataDir, mode) {
  const times = [];
  for (let i = 0; i < OPENS; i++) {
    const t0 = process.hrtime.bigint();
    const store = openStore({ dataDir, device: DEVICE, mode, ...quiet });
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    store.close();
  }
  return median(times);
}

async function main() {
  ({ median } = await import('./measure.mjs'));
  const { writeHistory } = await import('./history.mjs');
  const empty = join(work, 'empty');
  const big = join(work, 'big');
  writeHistory(big, DEVICE, 'gen-20k', 20_000, 200_000);

  let t0 = process.hrtime.bigint();
  openStore({ dataDir: big, device: DEVICE, mode: 'read', ...quiet }).close();
  const rebuildMs = Number(process.hrtime.bigint() - t0) / 1e6;
  // The first writable open rebuilds from the log, writes the snapshot and the day's backup.
  t0 = process.hrtime.bigint();
  openStore({ dataDir: big, device: DEVICE, mode: 'write', ...quiet }).close();
  const firstWriteOpenMs = Number(process.hrtime.bigint() - t0) / 1e6;

  const emptyAppendMs = appendMedian(empty);
  const bigAppendMs = appendMedian(big);
  const openReadMs = openMedian(big, 'read');
  const openWriteMs = openMedian(big, 'write');

  console.log(`append, empty history:            ${emptyAppendMs.toFixed(3)} ms (median of ${APPENDS})`);
  console.log(`append, 200,000-review history:   ${bigAppendMs.toFixed(3)} ms (median of ${APPENDS})`);
  console.log(`open (read), snapshot current:    ${openReadMs.toFixed(1)} ms (median of ${OPENS})`);
  console.log(`open (write), snapshot current:   ${openWriteMs.toFixed(1)} ms (median of ${OPENS})`);
  console.log(`open (read), no snapshot:         ${rebuildMs.toFixed(0)} ms (rebuild from the log, once)`);
  console.log(`first writable open:              ${firstWriteOpenMs.toFixed(0)} ms (rebuild + snapshot + daily backup, once)`);
  console.log(JSON.stringify({ emptyAppendMs, bigAppendMs, openReadMs, openWriteMs, rebuildMs, firstWriteOpenMs }));
}

main().finally(() => rmSync(work, { recursive: true, force: true }));
