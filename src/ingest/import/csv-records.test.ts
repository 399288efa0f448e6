import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readRecords, type SourceRecord } from './csv-records.ts';
import { MAX_LINE_BYTES } from './ndjson-records.ts';

const HEADER = 'place,source,observed_at\n';
const TOO_LONG = `is longer than ${MAX_LINE_BYTES} bytes`;

/** A line of the file: a short row (maybe with a quoted cell across lines) or one past the limit. */
const lineOf = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('GB/London,a,1', '"FR/\nParis",b,2', '"x""y",c,3', '') },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.integer({ min: MAX_LINE_BYTES + 1, max: 2 * MAX_LINE_BYTES }),
        fc.constantFrom('plain', 'quoted', 'unclosed', 'lines'),
      )
      .map(([n, how]) => {
        const long = 'x'.repeat(n);
        if (how === 'quoted') return `"${long}",s,1`;
        if (how === 'unclosed') return `"${long},s,1`;
        if (how === 'lines') return `"a\nb${long}",s,1`;
        return `${long},s,1`;
      }),
  },
);

async function read(text: string, chunk: number): Promise<SourceRecord[]> {
  const chunks: Buffer[] = [];
  for (let i = 0; i < text.length; i += chunk) chunks.push(Buffer.from(text.slice(i, i + chunk)));
  const records: SourceRecord[] = [];
  for await (const r of readRecords(Readable.from(chunks), 'csv')) records.push(r);
  return records;
}

describe('readRecords (CSV)', () => {
  it('refuses each line past the limit once, by its line, and reads every row after it', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(lineOf, { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1000, max: 300_000 }),
        async (lines, chunk) => {
          const expected: SourceRecord[] = [];
          let line = 1;
          for (const text of lines) {
            line += text.split('\n').length;
            if (text === '') continue;
            if (text.length > MAX_LINE_BYTES) expected.push({ line, error: TOO_LONG });
            else {
              const [place, source, observed_at] =
                text === '"x""y",c,3' ? ['x"y', 'c', '3'] : text.replace(/"/g, '').split(',');
              expected.push({ line, fields: { place, source, observed_at } });
            }
          }
          expect(await read(HEADER + lines.join('\n'), chunk)).toEqual(expected);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('refuses a header past the limit', async () => {
    await expect(read(`${'x'.repeat(MAX_LINE_BYTES + 1)}\na\n`, 65_536)).rejects.toThrow(
      `the header line is longer than ${MAX_LINE_BYTES} bytes`,
    );
  });
});
