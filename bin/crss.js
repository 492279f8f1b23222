#!/usr/bin/env node
// The installed command. The code lives in dist/crss.cjs, bundled from src/ by `npm install` (the
// prepare script). Start-up time matters (a study session should open as fast as Node itself starts),
// so this file does two things before handing over to src/main.ts:
//  - `--version` is answered without loading anything;
//  - the bundle is compiled through V8's code cache, kept in $XDG_CACHE_HOME/crss, which Node 20 does
//    not do by itself (Node 22's module.enableCompileCache does the same).
// It is CommonJS: Node's ES module loader alone costs several milliseconds at start-up.
'use strict';
const { closeSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, renameSync, writeFileSync, writeSync } = require('node:fs');
const { dirname, isAbsolute, join } = require('node:path');

const args = process.argv.slice(2);
/** Runs that write a command's code cache (each adding what it compiled). */
const CACHE_WRITES = 3;
/** Commands whose every run parses YAML decks; others normally read decks from the parse cache. */
const PARSING_COMMANDS = ['validate', 'import'];
/** The commands of src/cli.ts (tests/cli/code-cache.test.ts checks the two lists agree). */
const COMMANDS = ['validate', 'decks', 'topics', 'study', 'config', 'quiz', 'backup', 'prune', 'unsuspend', 'optimize', 'export', 'import', 'stats', 'search', 'show', 'completion', 'complete-names'];
const root = dirname(__dirname);
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  // Straight to the descriptor: process.stdout on a pipe would load Node's net module (about 4 ms).
  try {
    writeSync(1, `${version}\n`);
  } catch {
    // stdout closed (crss --version | true): nothing to say it to
  }
} else if (typeof process.getBuiltinModule !== 'function') {
  // Node 20.16 added it and crss relies on it (package.json's engines): one clear line, not a stack later.
  writeSync(2, `crss: needs Node.js 20.16 or newer; this is Node.js ${process.versions.node}\n`);
  process.exitCode = 1;
} else {
  const { main, processStdio } = loadBundle(join(root, 'dist', 'crss.cjs'));
  const stdio = processStdio();
  main(args, { ...stdio, env: process.env, now: () => new Date(), version }).then((code) => {
    process.exitCode = code;
    // Exit now rather than when the event loop drains: that skips tearing down V8's heap (3 ms with a big
    // history), and ends a read of a terminal or pipe still waiting after a timer or Ctrl-C ended a
    // session. Every write has completed: descriptor writes are synchronous, and so are terminal writes,
    // except on Windows, where the loop drains by itself once the session has paused stdin.
    if (process.platform !== 'win32') process.exit(code);
  });
}

/**
 * Loads the CommonJS bundle like `require` would, with V8's code cache when there is one. V8 checks a
 * cache against the source only by its length, so the cache file starts with a line naming the exact
 * bundle it was made from (size, modification time, inode): a rebuilt or upgraded bundle never gets a
 * stale cache.
 */
function loadBundle(file) {
  // The home folder as src/machine.ts finds it: $HOME, which os.homedir() reads first too, so node:os
  // (0.3 ms to load) is loaded only without it.
  const xdgCache = process.env.XDG_CACHE_HOME;
  const cacheHome = xdgCache && isAbsolute(xdgCache) ? xdgCache : join(process.env.HOME || require('node:os').homedir(), '.cache');
  // One cache per command: a cache holds the functions its first run compiled, and a quiz run on a cache
  // made by a study run would compile most of its own code again (about 10 ms).
  const command = COMMANDS.includes(args[0]) ? args[0] : 'other';
  const cacheFile = join(cacheHome, 'crss', `code-${process.version}-${process.arch}-${command}.bin`);
  // The bundle is built as the function Node would wrap a CommonJS module in (package.json's build
  // script), and in ASCII only, so it is read as latin1: one string, no wrapping copy, no decoding.
  // Bundle and cache are read into one buffer, the cache after the source has been copied out: every
  // fresh page of memory costs about 2.7 us on the development VM, and each file is 200 KB.
  const bundle = openSync(file, 'r');
  const stat = fstatSync(bundle);
  const key = `crss ${version} ${stat.size} ${stat.mtimeMs} ${stat.ino}`;
  let cache;
  let cacheSize = 0;
  try {
    cache = openSync(cacheFile, 'r');
    cacheSize = fstatSync(cache).size;
  } catch {
    cache = undefined;
  }
  const buffer = Buffer.allocUnsafeSlow(Math.max(stat.size, cacheSize));
  const source = buffer.toString('latin1', 0, readWhole(bundle, buffer, stat.size));
  closeSync(bundle);
  // The first line is the key and how many runs have written the cache. A cache holds what the runs that
  // wrote it compiled, so the first few runs each write it again with what they added.
  let cachedData;
  let writes = 0;
  if (cache !== undefined) {
    try {
      const data = buffer.subarray(0, readWhole(cache, buffer, cacheSize));
      const nl = data.indexOf(10);
      const line = data.subarray(0, nl).toString('latin1');
      if (nl !== -1 && line.startsWith(`${key} `)) {
        writes = Number(line.slice(key.length + 1)) || 0;
        cachedData = data.subarray(nl + 1);
      }
    } catch {
      cachedData = undefined;
    } finally {
      closeSync(cache);
    }
  }
  const { Script } = require('node:vm'); // here, not at the top: --version does without it
  const script = new Script(source, {
    filename: file,
    cachedData,
  });
  if (cachedData === undefined || script.cachedDataRejected || writes < CACHE_WRITES) {
    if (cachedData === undefined || script.cachedDataRejected) writes = 0;
    // Written after the run, so the cache also holds the functions this run compiled lazily.
    process.once('exit', () => {
      // A run that parsed decks (the first after an install or an edit of a deck) compiled the parser,
      // which later runs of this command, reading the deck cache, never use: in their cache it would
      // only be more to load at every start (10% of the study command's cache).
      if (!PARSING_COMMANDS.includes(command) && Object.keys(require.cache).some((path) => /[\\/]node_modules[\\/]yaml[\\/]/.test(path))) return;
      try {
        mkdirSync(dirname(cacheFile), { recursive: true });
        const tmp = `${cacheFile}.${process.pid}`;
        writeFileSync(tmp, Buffer.concat([Buffer.from(`${key} ${writes + 1}\n`), script.createCachedData()]));
        renameSync(tmp, cacheFile);
      } catch {
        // Only a cache: the next run compiles again.
      }
    });
  }
  const module = { exports: {} };
  // This file's own require: it resolves packages exactly as one made for the bundle would (both files
  // sit one folder below the package root), and node:module, which createRequire needs, costs 0.25 ms.
  script.runInThisContext()(module.exports, require, module, file, dirname(file));
  return module.exports;
}

/** Reads up to `size` bytes from the start of a file into `buffer`; returns how many there were. */
function readWhole(fd, buffer, size) {
  let done = 0;
  for (let n = -1; done < size && n !== 0; done += n) n = readSync(fd, buffer, done, size - done, done);
  return done;
}
