/** Renders validation problems as text, JSON or GitHub workflow commands. Functions return strings. */
import { relative, isAbsolute } from 'node:path';
import type { Problem } from '../deck/model.js';
import { sanitizeLine } from '../terminal/sanitize.js';

export const PROBLEM_FORMATS = ['text', 'json', 'github'] as const;
export type ProblemFormat = (typeof PROBLEM_FORMATS)[number];

/** Paths inside the working folder are shown relative to it, as compilers do. */
export function displayPath(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

export function formatProblemsText(problems: Problem[], cwd: string): string {
  return problems
    .map((p) => sanitizeLine(`${displayPath(p.file, cwd)}:${p.line}:${p.column}: ${p.severity}: ${p.message} [${p.rule}]`))
    .join('\n');
}

export function formatProblemsJson(problems: Problem[], cwd: string): string {
  const rows = problems.map((p) => ({ file: displayPath(p.file, cwd), line: p.line, column: p.column, severity: p.severity, rule: p.rule, message: p.message }));
  return JSON.stringify(rows, null, 2);
}

/** GitHub's escaping for a workflow command's message. */
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** GitHub's escaping for a workflow command's properties (file, title). */
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function formatProblemsGithub(problems: Problem[], cwd: string): string {
  return problems
    .map((p) => {
      const props = `file=${escapeProperty(displayPath(p.file, cwd))},line=${p.line},col=${p.column},title=${escapeProperty(p.rule)}`;
      return `::${p.severity} ${props}::${escapeData(sanitizeLine(p.message))}`;
    })
    .join('\n');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function formatValidationSummary(problems: Problem[], fileCount: number, cardCount: number): string {
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  const checked = `${plural(fileCount, 'file')}, ${plural(cardCount, 'card')} checked`;
  if (problems.length === 0) return `${checked}: no problems`;
  return `${checked}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
}
