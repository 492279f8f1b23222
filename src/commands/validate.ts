/** `crss validate [PATH...]`: check deck files for CI and for authors. */
import { printErr, printOut, type Context } from '../context.js';
import { findDeckFiles } from '../deck/deck-files.js';
import { defaultDeckPaths } from '../deck/library.js';
import { lintDecks } from '../deck/item-lint.js';
import { loadDeckFiles } from '../deck/load-decks.js';
import { CrssError, ExitCode, usageError } from '../errors.js';
import {
  displayPath,
  formatProblemsGithub,
  formatProblemsJson,
  formatProblemsText,
  formatValidationSummary,
  PROBLEM_FORMATS,
  type ProblemFormat,
} from '../format/problems.js';

export interface ValidateOptions {
  format: string;
  strict?: boolean;
}

export async function validate(ctx: Context, paths: string[], options: ValidateOptions): Promise<number> {
  const format = options.format as ProblemFormat;
  if (!PROBLEM_FORMATS.includes(format)) throw usageError(`unknown format '${options.format}' (use ${PROBLEM_FORMATS.join(', ')})`);
  const files = findDeckFiles(paths.length > 0 ? paths : defaultDeckPaths(ctx.env));
  // A folder with no deck in it is most often a wrong path in a CI recipe: passing would hide that.
  const empty = paths.filter((path) => findDeckFiles([path]).length === 0);
  if (empty.length > 0) throw new CrssError(`no deck files (.yaml, .yml) in ${empty.join(', ')}: nothing to validate`);
  const strict = options.strict ?? false;
  // No cache here: validation must always read what is on disk.
  const { decks, problems } = await loadDeckFiles(files, undefined, { strict });
  const cwd = process.cwd();
  problems.push(...lintDecks(decks, { strict, displayPath: (file) => displayPath(file, cwd) }));
  const cards = decks.reduce((n, d) => n + d.cards.length, 0);
  if (format === 'json') printOut(ctx, formatProblemsJson(problems, cwd));
  else if (format === 'github') {
    if (problems.length > 0) printOut(ctx, formatProblemsGithub(problems, cwd));
  } else {
    if (problems.length > 0) printOut(ctx, formatProblemsText(problems, cwd));
  }
  // The summary is part of a text report; with machine formats it is a message beside the output.
  const summary = formatValidationSummary(problems, files.length, cards);
  if (format === 'text') printOut(ctx, summary);
  else printErr(ctx, summary);
  const failed = problems.some((p) => p.severity === 'error' || strict);
  return failed ? ExitCode.failure : ExitCode.ok;
}
