// Protects the bench:refresh row "CPU per refresh" (bench/refresh.ts): a refresh binds some
// 150,000 array elements (a forecast's hours, column by column). node-postgres would write an
// array element by element, quoting each and running two regular expressions over it; and
// Postgres parses each element's text again (a time's text costs it three times a number's). So
// an array goes as an ArrayParameter, its element type named, and each driver writes it in the
// form it sends best: to a Postgres server (and a serving PGlite's socket) in Postgres' binary
// array format, which node-postgres sends as it is for a Buffer (the forecast's upsert 112 ->
// 90 ms a batch of 50 places, scratch measurement on this machine); to PGlite in process, whose
// query() takes no binary parameter, as the array literal Postgres reads (`{1.5,NULL,2}`).
// Values are checked when the parameter is made, so a bad one throws where it is bound.

import { instantText } from '../domain/instant-text.ts';

/** The element types an ArrayParameter binds; the statement casts it to the same (`$1::int[]`). */
export type NumberElement = 'int2' | 'int4' | 'float4' | 'float8';
export type ArrayElement = NumberElement | 'timestamptz' | 'text';

/** An array bound as one parameter; the driver writes it (arrayBinary or arrayLiteral). */
export class ArrayParameter {
  readonly element: ArrayElement;
  readonly values: readonly (number | string | Date | null | undefined)[];
  constructor(element: ArrayElement, values: ArrayParameter['values']) {
    this.element = element;
    this.values = values;
  }
}

const INTEGER_RANGE: Partial<Record<NumberElement, number>> = { int2: 2 ** 15, int4: 2 ** 31 };

/** Numbers (null or undefined for NULL) for a `$n::real[]` (int2, int4, float4, float8). */
export function numberArray(
  element: NumberElement,
  values: readonly (number | null | undefined)[],
): ArrayParameter {
  const range = INTEGER_RANGE[element];
  let underflows = false;
  for (const v of values) {
    if (v === null || v === undefined) continue;
    if (!Number.isFinite(v)) throw new TypeError(`cannot bind the number ${v}`);
    if (range !== undefined && !(Number.isInteger(v) && v >= -range && v < range)) {
      throw new TypeError(`cannot bind ${v} as ${element}`);
    }
    if (element === 'float4') {
      // What rounds past the largest real overflows it, as Postgres reading its text finds.
      if (!Number.isFinite(Math.fround(v))) throw new TypeError(`cannot bind ${v} as float4`);
      underflows ||= v !== 0 && Math.fround(v) === 0;
    }
  }
  // A real holds the float nearest its value, which for 1e-50 is 0: bound as 0 in both forms
  // (Postgres would refuse the literal "1e-50" as out of range for a real).
  const flushed = underflows
    ? values.map((v) => (v !== null && v !== undefined && Math.fround(v) === 0 ? 0 : v))
    : values;
  return new ArrayParameter(element, flushed);
}

/** Times for a `$n::timestamptz[]`. */
export function instantArray(values: readonly Date[]): ArrayParameter {
  for (const v of values) {
    if (Number.isNaN(v.getTime())) throw new TypeError('cannot bind an invalid date');
  }
  return new ArrayParameter('timestamptz', values);
}

/** Text (null or undefined for NULL) for a `$n::text[]`. */
export function textArray(values: readonly (string | null | undefined)[]): ArrayParameter {
  return new ArrayParameter('text', values);
}

/**
 * The array as the literal Postgres reads: numbers as String writes them, times as instantText
 * does (neither holds a character to quote), text quoted with its quotes and backslashes
 * escaped, NULL for null. A value repeated from the element before is written once and copied
 * (a batch's rows share their issue, their source, mostly their condition).
 */
export function arrayLiteral(p: ArrayParameter): string {
  const write: (v: never) => string =
    p.element === 'text'
      ? (v: string) => `"${v.replace(/[\\"]/g, '\\$&')}"`
      : p.element === 'timestamptz'
        ? (v: Date) => instantText(v)
        : (v: number) => `${v}`;
  let out = '{';
  let last: unknown = Symbol('none');
  let lastText = '';
  for (let i = 0; i < p.values.length; i++) {
    const v = p.values[i];
    const same =
      v instanceof Date && last instanceof Date ? v.getTime() === last.getTime() : v === last;
    if (!same) {
      last = v;
      lastText = v === null || v === undefined ? 'NULL' : write(v as never);
    }
    out += i > 0 ? `,${lastText}` : lastText;
  }
  return `${out}}`;
}

// Postgres' binary array: dimensions (1), a has-nulls flag, the element type's OID, then the
// dimension's length and lower bound (1); each element its byte length (-1 for NULL) and its
// binary form, big-endian. A time is microseconds since 2000-01-01 UTC as a 64-bit integer.
const OIDS: Record<ArrayElement, number> = {
  int2: 21,
  int4: 23,
  float4: 700,
  float8: 701,
  timestamptz: 1184,
  text: 25,
};
const WIDTH: Record<Exclude<ArrayElement, 'text'>, number> = {
  int2: 2,
  int4: 4,
  float4: 4,
  float8: 8,
  timestamptz: 8,
};
const HEADER = 20;
const Y2000_MS = Date.UTC(2000, 0, 1);
const TWO_32 = 2 ** 32;
// Microseconds stay exact in a double up to 2^53 (about 285 years either side of 2000).
const EXACT_MS = Math.floor(Number.MAX_SAFE_INTEGER / 1000);

/** The array in Postgres' binary format, which node-postgres sends as it is (a Buffer). */
export function arrayBinary(p: ArrayParameter): Buffer {
  const { element, values } = p;
  // Text's bytes, found once per run of one value (a column of sources is one word throughout).
  let lastText: unknown;
  let lastBytes = Buffer.alloc(0);
  const texts =
    element === 'text'
      ? values.map((v) => {
          if (v === null || v === undefined) return null;
          if (v !== lastText) {
            lastText = v;
            lastBytes = Buffer.from(v as string);
          }
          return lastBytes;
        })
      : [];
  const size =
    HEADER +
    (element === 'text'
      ? texts.reduce((n, b) => n + 4 + (b?.length ?? 0), 0)
      : values.length * (4 + WIDTH[element]));
  const buffer = Buffer.allocUnsafe(size);
  const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  view.setInt32(0, 1);
  view.setInt32(4, values.some((v) => v == null) ? 1 : 0);
  view.setInt32(8, OIDS[element]);
  view.setInt32(12, values.length);
  view.setInt32(16, 1);
  let at = HEADER;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) {
      view.setInt32(at, -1);
      at += 4;
      continue;
    }
    if (element === 'text') {
      const bytes = texts[i]!;
      view.setInt32(at, bytes.length);
      buffer.set(bytes, at + 4);
      at += 4 + bytes.length;
      continue;
    }
    view.setInt32(at, WIDTH[element]);
    at += 4;
    switch (element) {
      case 'int2':
        view.setInt16(at, v as number);
        break;
      case 'int4':
        view.setInt32(at, v as number);
        break;
      // + 0: -0 goes as 0, as its literal does.
      case 'float4':
        view.setFloat32(at, (v as number) + 0);
        break;
      case 'float8':
        view.setFloat64(at, (v as number) + 0);
        break;
      case 'timestamptz': {
        const ms = (v as Date).getTime() - Y2000_MS;
        if (Math.abs(ms) <= EXACT_MS) {
          const us = ms * 1000;
          const high = Math.floor(us / TWO_32);
          view.setInt32(at, high);
          view.setUint32(at + 4, us - high * TWO_32);
        } else {
          view.setBigInt64(at, BigInt(ms) * 1000n);
        }
        break;
      }
    }
    at += WIDTH[element];
  }
  return buffer.subarray(0, at);
}

/** A statement's parameters with each array as `write` gives it; others as they are. */
export function writeArrays(
  params: readonly unknown[],
  write: (p: ArrayParameter) => unknown,
): unknown[] {
  return params.map((p) => (p instanceof ArrayParameter ? write(p) : p));
}
