import { describe, expect, it } from 'vitest';
import type { SourceRecord } from './csv-records.ts';
import { MAX_LINE_BYTES, readNdjson } from './ndjson-records.ts';

async function read(chunks: (string | Buffer)[]): Promise<SourceRecord[]> {
  const records: SourceRecord[] = [];
  for await (const r of readNdjson(
    (async function* () {
      yield* chunks;
    })(),
  ))
    records.push(r);
  return records;
}

describe('readNdjson', () => {
  it('numbers records by line, skipping blank lines, whatever the chunks', async () => {
    const text = '{"a":1}\n\n  \n{"b":"é"}\r\n{"c":3}';
    const whole = await read([text]);
    expect(whole).toEqual([
      { line: 1, fields: { a: 1 } },
      { line: 4, fields: { b: 'é' } },
      { line: 5, fields: { c: 3 } },
    ]);
    // Byte by byte: the two bytes of é arrive apart.
    const bytes = Buffer.from(text);
    expect(await read([...bytes].map((b) => Buffer.from([b])))).toEqual(whole);
  });

  it('reports a line that is not JSON and goes on', async () => {
    const records = await read(['{"a":1}\n{"a":\n[1]\n']);
    expect(records[0]).toEqual({ line: 1, fields: { a: 1 } });
    expect(records[1]).toMatchObject({
      line: 2,
      error: expect.stringMatching(/^is not valid JSON/),
    });
    expect(records[2]).toEqual({ line: 3, fields: [1] });
  });

  it('refuses a line over the limit without holding it', async () => {
    const chunk = 'x'.repeat(64 * 1024);
    const long = Array.from({ length: MAX_LINE_BYTES / chunk.length + 2 }, () => chunk);
    const records = await read(['{"a":1}\n', ...long, '\n{"b":2}\n', ...long]);
    expect(records).toEqual([
      { line: 1, fields: { a: 1 } },
      { line: 2, error: `is longer than ${MAX_LINE_BYTES} bytes` },
      { line: 3, fields: { b: 2 } },
      { line: 4, error: `is longer than ${MAX_LINE_BYTES} bytes` },
    ]);
  });
});
