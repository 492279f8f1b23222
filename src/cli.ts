/**
 * The command line: commander wiring only. Each command's module is imported when it runs, so that
 * start-up pays only for what the command needs.
 */
import { Command, Option } from 'commander';
import type { Context } from './context.js';
import type { GlobalOptions } from './env.js';
import type { CompletionCommand, CompletionValues } from './format/completion.js';

/** A parsed command, ready to run: returns its exit code. */
export type Runner = () => Promise<number> | number;

const collect = (value: string, previous: string[] = []) => [...previous, value];

/**
 * Builds the program. `run` receives each command's work as a function of the context, built from
 * the global options after parsing.
 */
export function buildProgram(version: string, makeContext: (opts: GlobalOptions) => Context, setResult: (run: Runner) => void, firstArg?: string): Command {
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
  /**
   * A commander action that imports its command's module only when that command runs, then hands
   * it the context and commander's arguments (the positional ones, then the options; each command
   * has its own list, hence the loose type).
   */
  const lazy = (load: () => Promise<(ctx: Context, ...args: any[]) => Promise<number> | number>) =>
    async (...args: unknown[]) => {
      const cmd = args.pop() as Command;
      const run = await load();
      setResult(() => run(ctxOf(cmd), ...args));
    };

  const commands: Record<string, () => void> = {
    validate: () => {
      program
        .command('validate')
        .description('check deck files (for authors and CI)')
        .argument('[paths...]', 'deck files or folders (default: the decks crss loads)')
        .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'github']).default('text'))
        .option('--strict', 'warnings fail too; every card needs a source and every question an explanation')
        .action(lazy(async () => (await import('./commands/validate.js')).validate));
    },
    decks: () => {
      program
        .command('decks')
        .description('list the loaded decks')
        .option('--json', 'print JSON on stdout')
        .action(lazy(async () => (await import('./commands/decks.js')).listDecks));
    },
    topics: () => {
      program
        .command('topics')
        .description('list every topic with its numbers of flashcards and questions')
        .option('--json', 'print JSON on stdout')
        .action(lazy(async () => (await import('./commands/decks.js')).listTopics));
    },
    study: () => {
      program
        .command('study')
        .description("study today's due cards and new cards (spaced repetition, FSRS)")
        .option('--topic <topic>', 'only cards with this topic (repeatable)', collect)
        .option('--deck <deck>', 'only cards from this deck (repeatable)', collect)
        .option('--new <n>', 'new cards a day (default: config new-per-day, 20)')
        .option('--limit <n>', 'reviews a day (default: config reviews-per-day, 200)')
        .option('--cram', 'go through the selected cards weakest first, without changing their schedule')
        .option('--exam-date <YYYY-MM-DD>', 'cap intervals so every card comes up again before the exam')
        .option('--plain', 'line-by-line protocol: no cursor movement or colour (automatic without a terminal)')
        .addHelpText(
          'after',
          `
Keys: Space/Enter show the answer; 1 Again, 2 Hard, 3 Good, 4 Easy; u undo;
s suspend; b bury until tomorrow; e show where the card is written; q quit
(Ctrl-C exits 130). Every rating is saved before the next card appears.`,
        )
        .action(lazy(async () => (await import('./commands/study.js')).study));
    },
    config: () => {
      const config = program.command('config').description('show or change settings (retention, new-per-day, reviews-per-day, max-interval, exam-date, decks)');
      config
        .command('get')
        .description('print one setting, or all of them')
        .argument('[key]', 'retention | new-per-day | reviews-per-day | max-interval | exam-date | decks')
        .option('--json', 'print JSON on stdout')
        .action(lazy(async () => (await import('./commands/config.js')).configGet));
      config
        .command('set')
        .description('change a setting (exam-date none and decks none clear them)')
        .argument('<key>', 'retention (0.70-0.97) | new-per-day | reviews-per-day | max-interval (days) | exam-date (YYYY-MM-DD) | decks (DIR[:DIR], deck folders kept between runs)')
        .argument('<value>')
        .action(lazy(async () => (await import('./commands/config.js')).configSet));
    },
    quiz: () => {
      program
        .command('quiz')
        .description('exam practice with multiple-choice questions (tutor mode, or --exam)')
        // `quiz history` is an argument, not a subcommand: a subcommand's --json would be taken by quiz's.
        .argument('[history]', "'history' lists every quiz and exam taken, newest first (with --json: JSON)")
        .option('--topic <topic>', 'only questions with this topic (repeatable)', collect)
        .option('--domain <domain>', 'only questions in this CRSS domain (repeatable)', collect)
        .option('--deck <deck>', 'only questions from this deck (repeatable)', collect)
        .option('--count <n>', 'number of questions (tutor default 10, exam default 100)')
        .option('--seed <seed>', 'repeat the same choice and order of questions and options')
        .option('--exam', 'like the real exam: timed (72 s a question), spread over the domains, feedback only at the end')
        .option('--missed', 'only questions you got wrong before and have not answered right since')
        .option('--weak', 'weakest first: missed questions, then lapsed or fading cards, then weak topics')
        .option('--json', 'print the result as JSON on stdout (everything else goes to stderr)')
        .option('--plain', 'line-by-line protocol (automatic without a terminal)')
        .addHelpText(
          'after',
          `
Tutor mode: answer with a letter; right or wrong, the explanation and source
follow at once.
Exam mode: A-F answer, n/p move, f flag, u next unanswered, s submit; answers
can be changed until you submit, and the exam submits itself when time is up.
Pass mark: 68 of 100, as Peer Careers Illinois reports it.
Domains: advocacy, mentoring, professional-responsibility, recovery-support.`,
        )
        .action(lazy(async () => (await import('./commands/quiz.js')).quiz));
    },
    backup: () => {
      const backup = program.command('backup').description('list or restore the rolling backups of your history');
      backup
        .command('list')
        .description('list backups, newest first')
        .option('--json', 'print JSON on stdout')
        .action(lazy(async () => (await import('./commands/maintenance.js')).backupList));
      backup
        .command('restore')
        .description('bring a backup back (the current state is backed up first)')
        .argument('<id>', 'a backup id from crss backup list')
        .option('-y, --yes', 'do not ask (needed without a terminal)')
        .action(lazy(async () => (await import('./commands/maintenance.js')).backupRestore));
    },
    prune: () => {
      program
        .command('prune')
        .description('forget the history of cards whose id is no longer in any deck (after a backup)')
        .option('--dry-run', 'only list them')
        .option('-y, --yes', 'do not ask (needed without a terminal)')
        .action(lazy(async () => (await import('./commands/maintenance.js')).prune));
    },
    unsuspend: () => {
      program
        .command('unsuspend')
        .description('bring suspended cards (and leeches) back into study')
        .argument('<card...>', 'cards as deck/id')
        .action(lazy(async () => (await import('./commands/maintenance.js')).unsuspend));
    },
    optimize: () => {
      program
        .command('optimize')
        .description('fit personal FSRS parameters to your review history (adopted only if they predict it better)')
        .option('--json', 'print JSON on stdout')
        .action(lazy(async () => (await import('./commands/optimize.js')).optimize));
    },
    export: () => {
      program
        .command('export')
        .description('write decks as an Anki text import file, CSV or JSON')
        .addOption(new Option('--format <format>', 'output format').choices(['anki', 'csv', 'json']).makeOptionMandatory())
        .option('--deck <deck>', 'only this deck (repeatable)', collect)
        .option('-o, --output <file>', 'write to a new file instead of stdout')
        .action(lazy(async () => (await import('./commands/interchange.js')).exportCommand));
    },
    import: () => {
      program
        .command('import')
        .description('turn an Anki text export, a CSV or a TSV into a new YAML deck')
        .argument('<file>', 'the file to import')
        .option('-o, --output <deck.yaml>', 'write the deck to a new file instead of stdout')
        .action(lazy(async () => (await import('./commands/interchange.js')).importCommand));
    },
    search: () => {
      program
        .command('search')
        .description('find cards by their words (any case, all words), with their state')
        .argument('[text]', 'words to look for in the id, prompt, answers, explanation and source')
        .option('--topic <topic>', 'only cards with this topic (repeatable)', collect)
        .option('--deck <deck>', 'only cards from this deck (repeatable)', collect)
        .option('--suspended', 'only suspended cards (by hand or as leeches)')
        .option('--leeches', 'only leeches')
        .option('--json', 'print JSON on stdout')
        .action(lazy(async () => (await import('./commands/search.js')).search));
    },
    show: () => {
      program
        .command('show')
        .description('one whole card: its text, state, next due and review history')
        .argument('<card>', 'the card as deck/id')
        .option('--json', 'print JSON on stdout')
        .action(lazy(async () => (await import('./commands/search.js')).show));
    },
    stats: () => {
      program
        .command('stats')
        .description('your progress: due forecast, review heatmap, retention, mastery, exam readiness')
        .option('--topic <topic>', 'only cards with this topic (repeatable)', collect)
        .option('--exam-date <YYYY-MM-DD>', 'show readiness for this exam date (default: config exam-date)')
        .option('--plain', 'no colour')
        .option('--json', 'print JSON on stdout')
        .action(lazy(async () => (await import('./commands/stats.js')).stats));

    },
  };
  commands.completion = () => {
    program
      .command('completion')
      .description('print a shell completion script (commands, options, topics, decks, cards)')
      .argument('<shell>', 'bash, zsh or fish')
      .addHelpText(
        'after',
        `
bash: source <(crss completion bash)   (add the line to ~/.bashrc to keep it)
zsh:  source <(crss completion zsh)    (add the line to ~/.zshrc to keep it)
fish: crss completion fish > ~/.config/fish/completions/crss.fish`,
      )
      .action(lazy(async () => {
        const { completion } = await import('./commands/completion.js');
        return (ctx: Context, shell: string) => completion(ctx, completionTree(program), shell);
      }));
    program
      .command('complete-names', { hidden: true })
      .argument('<kind>')
      .action(lazy(async () => (await import('./commands/completion.js')).completeNames));
  };
  // With a command named first, only it is set up: commander builds each option's parser up front
  // (about 1 ms for all of them), and only the named command can run. Anything else (no command, help,
  // a global option first, a typo) gets the whole program, so help and suggestions are complete.
  // completion describes every command, so it needs them all.
  const only = firstArg !== undefined && firstArg !== 'completion' && Object.hasOwn(commands, firstArg) ? firstArg : undefined;
  for (const [name, register] of Object.entries(commands)) if (only === undefined || name === only) register();

  return program;
}


/** What each option's value completes with, by its long name. */
const OPTION_VALUES: Record<string, CompletionValues> = {
  topic: { names: 'topics' },
  deck: { names: 'decks' },
  domain: { words: ['advocacy', 'mentoring', 'professional-responsibility', 'recovery-support'] },
  decks: 'folders',
  'data-dir': 'folders',
  output: 'files',
};

/** What each command's positional arguments complete with, by command path. */
const ARGUMENT_VALUES: Record<string, CompletionValues> = {
  validate: 'files',
  import: 'files',
  show: { names: 'cards' },
  unsuspend: { names: 'cards' },
  'config get': { names: 'settings' },
  'config set': { names: 'settings' },
  'backup restore': { names: 'backups' },
  completion: { words: ['bash', 'zsh', 'fish'] },
};

/** The command tree as the completion scripts need it, read from commander so that nothing is listed twice. */
function completionTree(program: Command, path: string[] = []): CompletionCommand {
  const options = program.options
    .filter((o) => !o.hidden && o.long !== '--help')
    .map((o) => {
      const value = o.argChoices ? { words: o.argChoices } : OPTION_VALUES[(o.long ?? '').replace(/^--/, '')];
      const takesValue = o.required || o.optional;
      return { flags: [o.short, o.long].filter((f): f is string => f !== undefined), description: o.description, ...(takesValue ? { value: value ?? 'none' } : {}) };
    });
  const visible = program.commands.filter((c) => !(c as unknown as { _hidden: boolean })._hidden);
  return {
    name: program.name(),
    description: program.description(),
    options,
    args: ARGUMENT_VALUES[path.join(' ')] ?? (program.registeredArguments.length > 0 ? 'files' : 'none'),
    subcommands: [...visible.map((c) => completionTree(c, [...path, c.name()])), ...(path.length === 0 ? [{ name: 'help', description: 'show help for a command', options: [], args: { words: visible.map((c) => c.name()) }, subcommands: [] }] : [])],
  };
}
