import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { CsvError } from 'csv-parse';
import { parse } from 'csv-parse/sync';
import { Invalid } from '../../contract/protocol/request-errors.ts';
import { CsvQuotes, CsvRecordBound } from './csv-record-bound.ts';
import type { ImportFormat } from './import-options.ts';
import { MAX_LINE_BYTES, readNdjson } from './ndjson-records.ts';

/** One record of a file, by the line it ends on: its fields, or why it could not be read. */
export type SourceRecord =
  | { line: number; fields: unknown; error?: undefined }
  | { line: number; error: string; fields?: undefined };

const NEWLINE = 0x0a;

/** A record csv-parse cannot read, with its reason. */
class UnreadableRecord extends Error {}

/**
 * The cells of one record as csv-parse reads it (trimmed; empty lines skipped): an empty list for
 * an empty line. Only a record with a double quote needs csv-parse; any other has no reading but
 * its commas. Protects the bench:import row "ratio (isobar / COPY)" (bench/import.ts): csv-parse
 * over every record was four fifths of reading a file of plain rows.
 */
function cellsOf(record: string, line: number): string[][] {
  if (!record.includes('"')) {
    const cells = record.split(',');
    for (let i = 0; i < cells.length; i++) cells[i] = cells[i]!.trim();
    return cells.length === 1 && cells[0] === '' ? [] : [cells];
  }
  try {
    return parse(record, { trim: true, relax_column_count: true, skip_empty_lines: true });
  } catch (err) {
    if (!(err instanceof CsvError)) throw err;
    // csv-parse counts the lines of this record only; the file's are what the user knows.
    const message = err.message.replace(
      /\bat line (\d+)/g,
      (_, n) => `at line ${line + Number(n) - 1}`,
    );
    throw new UnreadableRecord(message);
  }
}

/**
 * The records of a text, each with the line it starts on; a record ends at a newline outside
 * double quotes (a quoted cell may span lines). The rest, a record not yet ended, stays in
 * `buffer.text` for the next chunk, unless `final`.
 */
function* cutRecords(
  buffer: { text: string; line: number },
  final: boolean,
): Generator<{ text: string; line: number; ends: number }> {
  const { text } = buffer;
  let from = 0;
  let quote = text.indexOf('"');
  while (from < text.length) {
    let end = text.indexOf('\n', from);
    let newlines = 0;
    if (quote !== -1 && (end === -1 || quote < end)) {
      // Cut where CsvRecordBound cuts: at a newline outside a quoted cell.
      const quotes = new CsvQuotes();
      end = -1;
      for (let i = from; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (quotes.take(c)) {
          end = i;
          break;
        }
        if (c === NEWLINE) newlines++;
      }
    }
    if (end === -1) {
      if (!final) break;
      end = text.length;
    }
    const record =
      text.charCodeAt(end - 1) === 0x0d ? text.slice(from, end - 1) : text.slice(from, end);
    yield { text: record, line: buffer.line, ends: buffer.line + newlines };
    buffer.line += newlines + 1;
    from = end + 1;
    if (quote !== -1 && quote < from) quote = text.indexOf('"', from);
  }
  buffer.text = from < text.length ? text.slice(from) : '';
}

/**
 * The records of a CSV file (by its header row) as string fields, read as csv-parse reads them
 * (trimmed cells, a byte order mark and empty lines skipped, CRLF or LF). A line of the wrong
 * number of cells, or one csv-parse cannot read (a stray quote), becomes an error record.
 */
async function* readCsv(input: Readable): AsyncGenerator<SourceRecord> {
  // Only records over the size limit land here: each swallows much of the input, so few pile up
  // before the next record drains them.
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
  let header: string[] | undefined;
  const buffer = { text: '', line: 1 };
  function* records(final: boolean): Generator<SourceRecord> {
    for (const { text, line, ends } of cutRecords(buffer, final)) {
      let rows: string[][];
      try {
        rows = cellsOf(text, line);
      } catch (err) {
        if (!(err instanceof UnreadableRecord)) throw err;
        const reason = `cannot be read as CSV (${err.message})`;
        if (!header) throw new Invalid(`the header line ${reason}`);
        yield* refusedBefore(ends);
        yield { line: ends, error: reason };
        continue;
      }
      for (const cells of rows) {
        if (!header) {
          header = cells;
          continue;
        }
        yield* refusedBefore(ends);
        if (cells.length !== header.length) {
          yield {
            line: ends,
            error: `has ${cells.length} cells where the header has ${header.length}`,
          };
          continue;
        }
        const fields: Record<string, string> = {};
        for (let i = 0; i < cells.length; i++) fields[header[i]!] = cells[i]!;
        yield { line: ends, fields };
      }
    }
  }
  input.on('error', (err) => bound.destroy(err));
  input.pipe(bound);
  const decoder = new StringDecoder('utf8');
  let start = true;
  for await (const chunk of bound as AsyncIterable<Buffer>) {
    let text = decoder.write(chunk);
    if (start && text !== '') {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      start = false;
    }
    buffer.text += text;
    yield* records(false);
  }
  buffer.text += decoder.end();
  yield* records(true);
  yield* refusedBefore(Number.POSITIVE_INFINITY);
}

/**
 * The records of a file, read as it streams: the file is pulled only as fast as they are
 * consumed, so a paused consumer pauses the read (backpressure) and memory stays bounded.
 */
export function readRecords(input: Readable, format: ImportFormat): AsyncGenerator<SourceRecord> {
  return format === 'csv' ? readCsv(input) : readNdjson(input);
}
