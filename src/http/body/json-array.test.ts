import { describe, expect, it } from 'vitest';
import { Invalid } from '../../contract/protocol/request-errors.ts';
import { jsonArrayValues } from './json-array.ts';

async function* chunked(text: string, size: number) {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

const read = async (text: string, size = 3) => {
  const values: unknown[] = [];
  for await (const v of jsonArrayValues(chunked(text, size))) values.push(v);
  return values;
};

const failure = async (text: string) => {
  const err = await read(text).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(Invalid);
  return err as Invalid;
};

describe('jsonArrayValues', () => {
  it.each([1, 2, 7, 1000])(
    'reads the elements of an array split into %i-character chunks',
    async (n) => {
      const rows = [{ a: 1, b: 'x,]}' }, { c: [1, [2]], d: { e: '\\"' } }, 'text', 3, null, []];
      expect(await read(`  [\n${rows.map((r) => JSON.stringify(r)).join(' ,\n')} ]\n`, n)).toEqual(
        rows,
      );
    },
  );

  it('reads an empty array', async () => {
    expect(await read('[ ]')).toEqual([]);
  });

  it('yields each element as soon as it is complete', async () => {
    const seen: unknown[] = [];
    async function* source() {
      yield '[{"a":1},';
      seen.push('second chunk asked for');
      yield '{"a":2}]';
    }
    for await (const v of jsonArrayValues(source())) seen.push(v);
    expect(seen).toEqual([{ a: 1 }, 'second chunk asked for', { a: 2 }]);
  });

  it.each([
    ['{"a": 1}', 1, 1, /one JSON array/],
    ['  \n [1,,2]', 2, 5, /a row is missing/],
    ['[,1]', 1, 2, /a row is missing/],
    ['[1,]', 1, 4, /a row is missing/],
    ['[1] [2]', 1, 5, /more after the array/],
    ['[{"a": 1}\n,\n  {"b": tru}]', 3, 3, /the value at line 3, column 3/],
    ['[{"a": 1}\n,{"b": 1,}]', 2, 10, /double-quoted property name/],
    ['[{"a": 1}}]', 1, 10, /non-whitespace character after JSON/],
    ['[{"a": "x', 1, 10, /ends before the array is closed/],
    ['', 1, 1, /the body is empty/],
  ])('refuses %j at line %i, column %i', async (text, line, column, reason) => {
    const err = await failure(text);
    expect(err.extensions).toEqual({ line, column });
    expect(err.message).toMatch(reason);
    expect(err.message).toContain(`line ${line}, column ${column}`);
  });

  it('never quotes the body in its complaint', async () => {
    const err = await failure(`[{"secret": "hunter2", "x": }]`);
    expect(err.message).not.toMatch(/hunter2/);
  });
});
