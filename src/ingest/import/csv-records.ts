import type { Readable } from 'node:stream';
import { type CsvError, parse } from 'csv-parse';
import { CsvRecordBound } from './csv-record-bound.ts';
import type { ImportFormat } from './import-options.ts';
import { MAX_LINE_BYTES, readNdjson } from './ndjson-records.ts';

/** One record of a file, by the line it ends on: its fields, or why it could not be read. */
export type SourceRecord =
  | { line: number; fields: unknown; error?: undefined }
  | { line: number; error: string; fields?: undefined };

interface CsvRecord {
  record: Record<string, string>;
  info: { lines: number; columns?: unknown[]; error?: { code: string; record?: unknown[] } };
}

/**
 * The records of a CSV file (by its header row) as string fields. A line of the wrong number of
 * cells, or one csv-parse cannot read at all (an unclosed quote), becomes an error record.
 */
async function* readCsv(input: Readable): AsyncGenerator<SourceRecord> {
  // Only unreadable records land here (an unclosed quote, a record over the size limit): each
  // swallows much of the input, so few pile up before the next record drains them.
  const skipped: SourceRecord[] = [];
  const tooLong = `is longer than ${MAX_LINE_BYTES} bytes`;
  const bound = new CsvRecordBound(MAX_LINE_BYTES, (line) =>
    skipped.push({ line, error: tooLong }),
  );
  /** The records refused before line `line`, in the order of the file. */
  function* refusedBefore(line: number) {
    skipped.sort((a, b) => a.line - b.line);
    while (skipped.length > 0 && skipped[0]!.line < line) yield skipped.shift()!;
  }
  const parser = parse({
    columns: true,
    bom: true,
    trim: true,
    skip_empty_lines: true,
    info: true,
    // Cell counts are checked here instead, so such a line is reported and the file goes on.
    relax_column_count: true,
    // A safety net: CsvRecordBound has cut longer records out already.
    max_record_size: 2 * MAX_LINE_BYTES,
    skip_records_with_error: true,
    on_skip: (err: CsvError | undefined) => {
      if (!err) return;
      const line = Number((err as CsvError & { lines?: number }).lines ?? 0);
      skipped.push({ line, error: `cannot be read as CSV (${err.message})` });
    },
  });
  input.on('error', (err) => bound.destroy(err));
  bound.on('error', (err) => parser.destroy(err));
  input.pipe(bound).pipe(parser);
  // A quoted cell may span lines; a record is numbered by the line it ends on.
  for await (const { record, info } of parser as AsyncIterable<CsvRecord>) {
    yield* refusedBefore(info.lines);
    if (info.error) {
      const cells = info.error.record?.length ?? 0;
      const header = info.columns?.length ?? 0;
      yield { line: info.lines, error: `has ${cells} cells where the header has ${header}` };
    } else yield { line: info.lines, fields: record };
  }
  yield* refusedBefore(Number.POSITIVE_INFINITY);
}

/**
 * The records of a file, read as it streams: the parser pulls only as fast as they are
 * consumed, so a paused consumer pauses the read (backpressure) and memory stays bounded.
 */
export function readRecords(input: Readable, format: ImportFormat): AsyncGenerator<SourceRecord> {
  return format === 'csv' ? readCsv(input) : readNdjson(input);
}
