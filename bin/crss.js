#!/usr/bin/env node
// The installed command. The code lives in dist/crss.cjs, bundled from src/ by `npm install` (the
// prepare script): one CommonJS file starts faster than a tree of ES modules (see README, Performance).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const args = process.argv.slice(2);

// `crss --version` is asked by scripts and shell prompts; answering it before loading the command
// parser keeps it as fast as Node itself starts (see the performance section of the README).
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  process.stdout.write(`${version}\n`);
} else {
  // A reader that goes away (`crss decks | head`) is not an error worth a stack trace.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
  const { main } = createRequire(import.meta.url)('../dist/crss.cjs');
  process.exitCode = await main(args, {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    now: () => new Date(),
  });
}
