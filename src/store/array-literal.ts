// Protects the bench:refresh row "CPU per refresh" (bench/refresh.ts): node-postgres writes an
// array parameter element by element, quoting each and running two regular expressions over it
// to escape quotes and backslashes; a refresh binds some 150,000 such elements (a forecast's
// hours, column by column). Numbers and times as instantText writes them hold nothing an array
// literal must quote, so they are written here as the literal Postgres reads (`{1.5,NULL,2}`).

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

/** Times as a `$n::timestamptz[]` literal, each as instantText writes it (no character to quote). */
export function instantArray(values: readonly Date[]): string {
  return `{${values.map(instantText).join(',')}}`;
}
