// Preloaded into a measured process (NODE_OPTIONS=--require): reports its peak resident memory.
const { writeFileSync } = require('node:fs');
process.on('exit', () => {
  if (process.env.CRSS_BENCH_RSS_FILE) writeFileSync(process.env.CRSS_BENCH_RSS_FILE, String(process.resourceUsage().maxRSS));
});
