#!/usr/bin/env node
// The installed command. The code lives in dist/, built from src/ by `npm install` (the prepare script).
import { main } from '../dist/main.js';

process.exitCode = await main(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  now: () => new Date(),
});
