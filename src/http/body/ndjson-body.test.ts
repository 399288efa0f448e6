import { describe, expect, it } from 'vitest';
import { Invalid } from '../../contract/protocol/request-errors.ts';
import { ndjsonValues } from './ndjson-body.ts';

async function* chunked(text: string, size: number) {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

const read = async (text: string, size = 4) => {
  const values: unknown[] = [];
  for await (const v of ndjsonValues(chunked(text, size))) values.push(v);
  return values;
};

describe('ndjsonValues', () => {
  it.each([1, 3, 1000])('reads one value a line in %i-character chunks', async (n) => {
    const text = '{"a":1}\r\n\n  \n{"b":"x\\ny"}\n[1]\n{"c":null}';
    expect(await read(text, n)).toEqual([{ a: 1 }, { b: 'x\ny' }, [1], { c: null }]);
  });

  it('reads nothing from an empty body or blank lines', async () => {
    expect(await read('')).toEqual([]);
    expect(await read('\n\n \n')).toEqual([]);
  });

  it('names the line and column of a line that does not parse', async () => {
    const err = await read('{"a":1}\n\n{"a": 1 "b": 2}\n').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Invalid);
    expect((err as Invalid).extensions).toEqual({ line: 3, column: 9 });
    expect((err as Invalid).message).toMatch(/^the body is not valid JSON: line 3, column 9: /);
  });

  it('stops at the bad line, reading no further', async () => {
    let asked = 0;
    async function* source() {
      for (const line of ['{"a":1}\n', 'oops\n', '{"a":2}\n']) {
        asked++;
        yield line;
      }
    }
    const seen: unknown[] = [];
    await expect(
      (async () => {
        for await (const v of ndjsonValues(source())) seen.push(v);
      })(),
    ).rejects.toThrow(/line 2/);
    expect(seen).toEqual([{ a: 1 }]);
    expect(asked).toBe(2);
  });
});
