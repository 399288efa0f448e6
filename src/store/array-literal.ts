// Protects the bench:refresh row "CPU per refresh" (bench/refresh.ts): node-postgres writes an
// array parameter element by element, quoting each and running two regular expressions over it
// to escape quotes and backslashes; a refresh binds some 150,000 such elements (a forecast's
// hours, column by column). Numbers and times as instantText writes them hold nothing an array
// literal must quote, so they are written here as the literal Postgres reads (`{1.5,NULL,2}`);
// text is quoted here once per run of one value (a forecast's sources and conditions).

import { instantText } from '../domain/instant-text.ts';

/** A number array as an array literal, for a `$n::real[]` (or int, smallint…) parameter. */
export function numberArray(values: readonly (number | null | undefined)[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (i > 0) out += ',';
    if (v === null || v === undefined) out += 'NULL';
    else if (Number.isFinite(v)) out += v;
    else throw new TypeError(`cannot bind the number ${v}`);
  }
  return `${out}}`;
}

/**
 * Times as a `$n::timestamptz[]` literal, each as instantText writes it (no character to quote).
 * A time repeated from the element before is written once (a batch's rows share their issue).
 */
export function instantArray(values: readonly Date[]): string {
  let out = '{';
  let lastMs = Number.NaN;
  let lastText = '';
  for (let i = 0; i < values.length; i++) {
    const ms = values[i]!.getTime();
    if (ms !== lastMs) {
      lastMs = ms;
      lastText = instantText(values[i]!);
    }
    out += i > 0 ? `,${lastText}` : lastText;
  }
  return `${out}}`;
}

/**
 * Text as a `$n::text[]` literal: each element quoted, its quotes and backslashes escaped, null
 * as NULL. A value repeated from the element before is quoted once (a column of sources or
 * conditions is mostly one word over and over).
 */
export function textArray(values: readonly (string | null | undefined)[]): string {
  let out = '{';
  let last: string | null | undefined = null;
  let lastQuoted = 'NULL';
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v !== last) {
      last = v;
      lastQuoted = v === null || v === undefined ? 'NULL' : `"${v.replace(/[\\"]/g, '\\$&')}"`;
    }
    out += i > 0 ? `,${lastQuoted}` : lastQuoted;
  }
  return `${out}}`;
}
