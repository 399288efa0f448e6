// PostgreSQL's COPY text format (the default of COPY … FROM): one line per row, values separated
// by tabs, NULL written \N, and a backslash, tab, newline or carriage return inside a value
// escaped with a backslash. node-postgres and PGlite send the bytes as given, so the encoding is
// ours; it is this short because every value the store copies is a number, a time, a boolean
// or text.

import { instantText } from '../domain/instant-text.ts';

const SPECIAL = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function field(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`cannot copy the number ${value}`);
    return String(value);
  }
  if (value instanceof Date) return instantText(value);
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'string') return value.replace(SPECIAL, (c) => ESCAPES[c]!);
  throw new TypeError(`cannot copy a value of type ${typeof value}`);
}

/** Rows as COPY's text format, each value in the column order of the COPY. */
export function copyText(rows: readonly (readonly unknown[])[]): string {
  let out = '';
  for (const row of rows) {
    let line = '';
    for (let i = 0; i < row.length; i++) line += (i === 0 ? '' : '\t') + field(row[i]);
    out += `${line}\n`;
  }
  return out;
}
