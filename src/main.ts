/**
 * The entry point and the one place that catches: it maps errors to exit codes and messages.
 * A CrssError is the user's to fix (one line, no stack); anything else is a bug (stack, and says so).
 */
import { CommanderError, type Command } from 'commander';
import { buildProgram, type Runner } from './cli.js';
import type { Context, InStream, OutStream } from './context.js';
import { resolveEnvironment, type GlobalOptions } from './env.js';
import { sourcePositions } from './source-map.js';
import { CrssError, ExitCode, Interrupted, usageError } from './errors.js';
import { unknownNameMessage } from './core/nearest.js';
import { sanitizeLine } from './terminal/sanitize.js';
import { systemFileError } from './store/file-errors.js';

export { processStdio } from './terminal/stdio.js';

export interface MainIO {
  stdin: InStream;
  stdout: OutStream;
  stderr: OutStream;
  env: NodeJS.ProcessEnv;
  now: () => Date;
  /** crss's version (bin/crss.js reads it from package.json to answer --version). */
  version: string;
}

export async function main(argv: string[], io: MainIO): Promise<number> {
  let runner: Runner | undefined;
  const { version } = io;
  const now = clockOf(io);
  const makeContext = (opts: GlobalOptions): Context => ({ env: resolveEnvironment(opts, io.env, version), stdin: io.stdin, stdout: io.stdout, stderr: io.stderr, now: now() });
  const program = buildProgram(
    version,
    makeContext,
    (run) => {
      runner = run;
    },
    argv[0],
  );
  // Commander's own error text is replaced by our one-line form in report(); it never exits itself.
  const quiet = (cmd: Command): void => {
    cmd.exitOverride();
    cmd.configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s), outputError: () => {} });
    cmd.commands.forEach(quiet);
  };
  quiet(program);
  try {
    // Commander answers `help <unknown>` with the general help and exit 0, as if it were right.
    const helpFor = argv[0] === 'help' ? argv[1] : undefined;
    if (helpFor !== undefined && !program.commands.some((c) => c.name() === helpFor)) {
      throw usageError(unknownNameMessage('command', helpFor, program.commands.map((c) => c.name()), 'crss --help'));
    }
    // No command (global options at most): the dashboard; `crss --help` gives the help.
    if (onlyGlobalOptions(argv)) {
      program.parseOptions([...argv]);
      return await (await import('./commands/dashboard.js')).dashboard(makeContext(program.opts() as GlobalOptions));
    }
    await program.parseAsync(argv, { from: 'user' });
    if (!runner) {
      io.stdout.write(program.helpInformation());
      return ExitCode.ok;
    }
    return await runner();
  } catch (error) {
    return report(error, io);
  }
}

/** Whether the arguments hold no command, only the global options of src/cli.ts (and their values). */
function onlyGlobalOptions(argv: string[]): boolean {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--decks' || arg === '--data-dir') i++;
    else if (arg !== '--no-color' && !arg.startsWith('--decks=') && !arg.startsWith('--data-dir=')) return false;
  }
  return true;
}

/**
 * The clock: the real one, or with CRSS_NOW (an ISO time) one that starts at that time and runs on,
 * so that tests through the real binary do not depend on today's date (an exam date in the past is
 * refused). Checked when the command runs, so a bad value is a usage error like any other.
 */
function clockOf(io: MainIO): () => () => Date {
  // The environment is read only when the command runs, inside main's one catch.
  return () => {
    const fixed = io.env.CRSS_NOW;
    if (fixed === undefined || fixed === '') return io.now;
    const start = Date.parse(fixed);
    if (!/^\d{4}-\d{2}-\d{2}T/.test(fixed) || Number.isNaN(start)) throw usageError(`CRSS_NOW must be an ISO time such as 2026-12-01T12:00:00Z, not '${fixed}'`);
    const offset = start - io.now().getTime();
    return () => new Date(io.now().getTime() + offset);
  };
}

function report(error: unknown, io: MainIO): number {
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return ExitCode.ok;
    // Commander puts its suggestion on a second line; ours are one line.
    const message = error.message.replace(/^error: /, '').replace(/\n\(Did you mean (.*)\?\)$/, " (did you mean '$1'?)");
    io.stderr.write(`crss: ${sanitizeLine(message)}\n`);
    return ExitCode.usage;
  }
  if (error instanceof CrssError) {
    io.stderr.write(`crss: ${sanitizeLine(error.message)}\n`);
    return error.exitCode;
  }
  if (error instanceof Interrupted) return ExitCode.interrupted;
  const disk = systemFileError(error);
  if (disk) {
    io.stderr.write(`crss: ${sanitizeLine(disk.message)}\n`);
    return disk.exitCode;
  }
  const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
  io.stderr.write(`${sourcePositions(stack)}\ncrss: internal error: this is a bug in crss; please report it with the text above.\n`);
  return ExitCode.failure;
}
