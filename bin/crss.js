#!/usr/bin/env node
// The installed command. The code lives in dist/, built from src/ by `npm install` (the prepare script).
import { main } from '../dist/main.js';

// A reader that goes away (`crss decks | head`) is not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

process.exitCode = await main(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  now: () => new Date(),
});
