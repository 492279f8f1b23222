/** Text broken at spaces to fit a width: listings and card views are read at 80 columns. */

export const LISTING_WIDTH = 80;

/**
 * `text` (one paragraph per line) broken at spaces into lines of at most `width` code points, each
 * starting with `indent`, continuation lines with `hang` more. A word longer than a line stays whole.
 */
export function wrapWords(text: string, indent = '', hang = '', width = LISTING_WIDTH): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = indent;
    let empty = true;
    for (const word of paragraph.split(' ')) {
      if (word === '') continue;
      const candidate = empty ? `${line}${word}` : `${line} ${word}`;
      if (empty || [...candidate].length <= width) {
        line = candidate;
        empty = false;
      } else {
        lines.push(line);
        line = `${indent}${hang}${word}`;
      }
    }
    lines.push(empty ? '' : line);
  }
  return lines;
}

/** One line cut to `width` code points with an ellipsis. */
export function clip(line: string, width = LISTING_WIDTH): string {
  const chars = [...line];
  return chars.length <= width ? line : `${chars.slice(0, width - 1).join('')}…`;
}
