import { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readRecords, type SourceRecord } from './csv-records.ts';
import { MAX_LINE_BYTES } from './ndjson-records.ts';

const HEADER = 'place,source,observed_at\n';
const TOO_LONG = `is longer than ${MAX_LINE_BYTES} bytes`;

/** A line of the file: a short row (maybe with a quoted cell across lines) or one past the limit. */
const lineOf = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      'GB/London,a,1',
      '"FR/\nParis",b,2',
      '"x""y",c,3',
      '',
      // A stray quote inside a cell: that line refused, not the lines after it.
      'GB/London,a"b,1',
    ),
  },
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
            else if (text === 'GB/London,a"b,1') {
              expected.push({
                line,
                error: `cannot be read as CSV (Invalid Opening Quote: a quote is found on field 1 at line ${line}, value is "a")`,
              });
            } else {
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

  // The reader splits a record without quotes itself: it must read every file as csv-parse does.
  const cell = fc.oneof(
    fc.constantFrom(
      '',
      ' ',
      'GB/London',
      ' 12.5 ',
      '\t-3',
      'a b',
      '\u00a0x',
      'é',
      '2024-01-01T00:00Z',
    ),
    fc.constantFrom('"q"', '" q, r "', '"a\nb"', '"x""y"', '""'),
  );
  const file = fc.record({
    bom: fc.boolean(),
    eol: fc.constantFrom('\n', '\r\n'),
    header: fc.uniqueArray(fc.constantFrom('place', 'source', 'observed_at', 'x'), {
      minLength: 1,
      maxLength: 4,
    }),
    rows: fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { maxLength: 8 }),
    end: fc.boolean(),
  });

  it('reads every well-formed file as csv-parse does: cells, lines, empty lines, widths', async () => {
    await fc.assert(
      fc.asyncProperty(file, fc.integer({ min: 1, max: 64 }), async (f, chunk) => {
        const lines = [f.header.join(','), ...f.rows.map((r) => r.join(','))];
        const text = (f.bom ? '\ufeff' : '') + lines.join(f.eol) + (f.end ? f.eol : '');
        const expected = (
          parse(text, {
            columns: true,
            bom: true,
            trim: true,
            skip_empty_lines: true,
            info: true,
            relax_column_count: true,
          }) as { record: object; info: { lines: number; error?: { record: unknown[] } } }[]
        ).map(({ record, info }) => {
          const cells = info.error?.record.length;
          return info.error
            ? {
                line: info.lines,
                error: `has ${cells} cells where the header has ${f.header.length}`,
              }
            : { line: info.lines, fields: record };
        });
        expect(await read(text, chunk)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('reports a stray quote by the line of the file, and reads the rows after it', async () => {
    const records = await read('a,b\n1,2\n3,x"y\n4,5\n', 7);
    expect(records).toEqual([
      { line: 2, fields: { a: '1', b: '2' } },
      { line: 3, error: expect.stringMatching(/^cannot be read as CSV \(.*at line 3,/) },
      { line: 4, fields: { a: '4', b: '5' } },
    ]);
    // An unclosed quote runs to the end of the file (or the size limit): one record refused.
    expect(await read('a,b\n1,2\n3,"y\n4,5\n', 7)).toEqual([
      { line: 2, fields: { a: '1', b: '2' } },
      { line: 5, error: expect.stringMatching(/^cannot be read as CSV \(Quote Not Closed/) },
    ]);
  });
});
