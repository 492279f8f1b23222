/**
 * The command line: commander wiring only. Each command's module is imported when it runs, so that
 * start-up pays only for what the command needs.
 */
import { Command, Option } from 'commander';
import type { Context } from './context.js';
import { resolveEnvironment, type GlobalOptions } from './env.js';

export type Runner = (ctx: Context) => Promise<number> | number;

const collect = (value: string, previous: string[] = []) => [...previous, value];

/**
 * Builds the program. `run` receives each command's work as a function of the context, built from
 * the global options after parsing.
 */
export function buildProgram(version: string, makeContext: (opts: GlobalOptions) => Context, setResult: (run: Runner) => void): Command {
  const program = new Command('crss');
  program
    .description('Study for the Illinois CRSS exam: YAML decks, FSRS spaced repetition and exam-style quizzes.')
    .version(version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .option('--decks <dir>', 'an extra folder of decks (repeatable; also CRSS_DECKS, :-separated)', collect)
    .option('--data-dir <dir>', 'where review history lives (also CRSS_DATA_DIR; default $XDG_DATA_HOME/crss)')
    .option('--no-color', 'no colour (also NO_COLOR)')
    .showSuggestionAfterError(true)
    .addHelpText(
      'after',
      `
Exit codes: 0 success, 1 problems found or operation failed, 2 usage error,
75 data folder in use by another crss, 130 interrupted.`,
    );

  const ctxOf = (cmd: Command) => makeContext(cmd.optsWithGlobals() as GlobalOptions);

  program
    .command('validate')
    .description('check deck files (for authors and CI)')
    .argument('[paths...]', 'deck files or folders (default: the decks crss loads)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'github']).default('text'))
    .option('--strict', 'warnings fail too; every card needs a source and every question an explanation')
    .action(async (paths: string[], opts, cmd: Command) => {
      const { validate } = await import('./commands/validate.js');
      setResult(() => validate(ctxOf(cmd), paths, opts));
    });

  program
    .command('decks')
    .description('list the loaded decks')
    .option('--json', 'print JSON on stdout')
    .action(async (opts, cmd: Command) => {
      const { listDecks } = await import('./commands/decks.js');
      setResult(() => listDecks(ctxOf(cmd), opts));
    });

  program
    .command('topics')
    .description('list every topic with its numbers of flashcards and questions')
    .option('--json', 'print JSON on stdout')
    .action(async (opts, cmd: Command) => {
      const { listTopics } = await import('./commands/decks.js');
      setResult(() => listTopics(ctxOf(cmd), opts));
    });

  return program;
}

export { resolveEnvironment };
