import type { SourceRecord } from './csv-records.ts';

/** A line longer than this is refused without being held whole: memory stays bounded. */
export const MAX_LINE_BYTES = 1 << 20;

const NEWLINE = 0x0a;

function decode(parts: Buffer[], line: number): SourceRecord | undefined {
  const text = Buffer.concat(parts).toString('utf8').trim();
  if (text === '') return undefined;
  try {
    return { line, fields: JSON.parse(text) as unknown };
  } catch (err) {
    return { line, error: `is not valid JSON (${(err as Error).message})` };
  }
}

/**
 * One record per non-blank line of newline-delimited JSON, numbered from 1. Splits on the
 * newline byte, which never occurs inside a UTF-8 sequence, so chunks may end anywhere.
 */
export async function* readNdjson(
  input: AsyncIterable<Buffer | string>,
): AsyncGenerator<SourceRecord> {
  let parts: Buffer[] = [];
  let size = 0;
  let line = 1;
  let tooLong = false;
  for await (const chunk of input) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    let start = 0;
    for (let end = buf.indexOf(NEWLINE); end !== -1; end = buf.indexOf(NEWLINE, start)) {
      if (tooLong) yield { line, error: `is longer than ${MAX_LINE_BYTES} bytes` };
      else {
        parts.push(buf.subarray(start, end));
        const record = decode(parts, line);
        if (record) yield record;
      }
      parts = [];
      size = 0;
      tooLong = false;
      line++;
      start = end + 1;
    }
    if (tooLong || start === buf.length) continue;
    size += buf.length - start;
    if (size > MAX_LINE_BYTES) {
      tooLong = true;
      parts = [];
    } else parts.push(buf.subarray(start));
  }
  if (tooLong) yield { line, error: `is longer than ${MAX_LINE_BYTES} bytes` };
  else if (parts.length > 0) {
    const record = decode(parts, line);
    if (record) yield record;
  }
}
