/**
 * Internal-error stack traces in terms of src/. The bundle (dist/crss.cjs) is minified, which makes it
 * smaller to read at every start; its source map lies beside it and is read only when an internal
 * error is reported, so that the report names files and lines a maintainer can open.
 */
import { readFileSync } from 'node:fs';

const FRAME = /([^\s()]*crss\.cjs):(\d+):(\d+)/g;

/** The stack with each position in the bundle replaced by its place in the sources; unchanged without a map. */
export function sourcePositions(stack: string, bundle = import.meta.filename): string {
  if (!bundle?.endsWith('crss.cjs')) return stack; // running from the sources: positions are already theirs
  let map: import('node:module').SourceMap;
  try {
    const { SourceMap } = process.getBuiltinModule('node:module');
    map = new SourceMap(JSON.parse(readFileSync(`${bundle}.map`, 'utf8')));
  } catch {
    return stack;
  }
  return stack.replace(FRAME, (whole, _file: string, line: string, column: string) => {
    const entry = map.findEntry(Number(line) - 1, Number(column) - 1) as Partial<import('node:module').SourceMapping>;
    if (!entry.originalSource) return whole;
    const source = entry.originalSource.replace(/^(\.\.\/)+/, '');
    return `${source}:${entry.originalLine! + 1}:${entry.originalColumn! + 1}`;
  });
}
