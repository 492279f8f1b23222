/** `crss export` and `crss import`: moving cards between crss, Anki and spreadsheets. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { printErr, printOut, type Context } from '../context.js';
import { selectCards } from '../core/catalog.js';
import { loadUsableDecks } from '../deck/library.js';
import { PACKAGE_ROOT } from '../env.js';
import { CrssError, usageError } from '../errors.js';
import { EXPORT_FORMATS, exportAnki, exportCsv, exportJson, type ExportFormat } from '../interchange/export-cards.js';
import { importCards } from '../interchange/import-cards.js';
import { sanitize, sanitizeLine } from '../terminal/sanitize.js';

export async function exportCommand(ctx: Context, options: { format: string; deck?: string[]; output?: string }): Promise<number> {
  const format = options.format as ExportFormat;
  if (!EXPORT_FORMATS.includes(format)) throw usageError(`unknown format '${options.format}' (use ${EXPORT_FORMATS.join(', ')})`);
  const all = await loadUsableDecks(ctx.env, (line) => printErr(ctx, `crss: ${line}`));
  selectCards(all, { decks: options.deck }); // checks the deck names, with suggestions
  const wanted = options.deck?.map((d) => d.toLowerCase());
  const decks = wanted ? all.filter((d) => wanted.includes(d.id)) : all;
  const text = format === 'anki' ? exportAnki(decks) : format === 'csv' ? exportCsv(decks) : exportJson(decks);
  const cards = decks.reduce((n, d) => n + d.cards.length, 0);
  if (options.output) {
    writeOutput(options.output, text);
    printErr(ctx, `Exported ${cards} cards from ${decks.length} deck${decks.length === 1 ? '' : 's'} to ${options.output}.`);
  } else {
    // A terminal would act on a control character; a pipe or a file gets the exact bytes.
    ctx.stdout.write(ctx.stdout.isTTY ? sanitize(text.replace(/\r\n/g, '\n')) : text);
  }
  return 0;
}

export function importCommand(ctx: Context, file: string, options: { output?: string }): number {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw usageError(`cannot read ${file}`);
  }
  const { deck, skipped, dropped } = importCards(text, file);
  for (const s of skipped) printErr(ctx, sanitizeLine(`${file}:${s.line}: skipped: ${s.message}`));
  for (const d of dropped) printErr(ctx, sanitizeLine(`${file}${d.line > 0 ? `:${d.line}` : ''}: ${d.message}`));
  if (deck.cards.length === 0) throw new CrssError(`${file}: no cards could be imported`);
  const yaml = `# yaml-language-server: $schema=${join(PACKAGE_ROOT, 'deck.schema.json')}\n${stringify(deck, { lineWidth: 0 })}`;
  if (options.output) {
    writeOutput(options.output, yaml);
    printErr(ctx, `Imported ${deck.cards.length} cards into deck '${deck.deck}' (${options.output})${skipped.length ? `; ${skipped.length} line${skipped.length === 1 ? '' : 's'} skipped` : ''}. Check it with: crss validate ${options.output}`);
  } else {
    printOut(ctx, yaml);
  }
  return 0;
}

/** Never overwrites: an existing file may be someone's only copy of a deck. */
function writeOutput(path: string, text: string): void {
  if (existsSync(path)) throw new CrssError(`${path} already exists; choose another file name or remove it first`);
  try {
    writeFileSync(path, text, { flag: 'wx' });
  } catch (error) {
    throw new CrssError(`cannot write ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}
