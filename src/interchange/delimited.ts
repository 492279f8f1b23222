/**
 * Delimited text (CSV, TSV, Anki's text format): RFC 4180 quoting with `""` escapes and line breaks
 * inside quotes. Rows keep the line number they started on, for error messages.
 */

export interface Row {
  line: number;
  fields: string[];
}

export function parseDelimited(text: string, separator: string, startLine = 1): Row[] {
  const rows: Row[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = startLine;
  let rowLine = startLine;
  let atFieldStart = true;
  const endRow = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === '')) rows.push({ line: rowLine, fields });
    fields = [];
    field = '';
    atFieldStart = true;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && atFieldStart) {
      quoted = true;
      atFieldStart = false;
    } else if (ch === separator) {
      fields.push(field);
      field = '';
      atFieldStart = true;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else {
      field += ch;
      atFieldStart = false;
    }
  }
  if (field !== '' || fields.length > 0) endRow();
  return rows;
}

/** Quotes a field when it holds the separator, a quote or a line break. */
export function formatField(value: string, separator: string): string {
  return value.includes(separator) || /["\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function formatRow(fields: string[], separator: string): string {
  return fields.map((f) => formatField(f, separator)).join(separator);
}
