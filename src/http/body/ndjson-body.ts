import { parseAt } from './json-error.ts';

/**
 * The values of an NDJSON body, one JSON value per line, parsed as each line arrives: the body
 * is never held whole. Blank lines are skipped; a line that does not parse is a 400 naming it.
 */
export async function* ndjsonValues(chunks: AsyncIterable<string>): AsyncGenerator<unknown> {
  let pending: string[] = [];
  let line = 0;
  const value = (text: string) => {
    line++;
    return /^\s*$/.test(text) ? undefined : { v: parseAt(text, { line, column: 1 }) };
  };
  for await (const chunk of chunks) {
    let from = 0;
    for (let nl = chunk.indexOf('\n'); nl >= 0; nl = chunk.indexOf('\n', from)) {
      pending.push(chunk.slice(from, nl));
      const parsed = value(pending.join(''));
      pending = [];
      if (parsed) yield parsed.v;
      from = nl + 1;
    }
    if (from < chunk.length) pending.push(chunk.slice(from));
  }
  const parsed = value(pending.join(''));
  if (parsed) yield parsed.v;
}
