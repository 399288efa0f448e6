import { Invalid } from '../../contract/protocol/request-errors.ts';

/** A place in the body as an editor shows it: lines and columns from 1. */
export interface TextPosition {
  line: number;
  column: number;
}

/** Where `offset` characters into `text` lands, when `text` begins at `start`. */
export function advance(start: TextPosition, text: string, offset: number): TextPosition {
  let { line, column } = start;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      column = 1;
    } else column++;
  }
  return { line, column };
}

/**
 * V8's complaint without the copy of the input it may quote (a request body has no business in
 * a log line or an answer) and with the offset it counts from, when it gives one.
 */
function complaint(message: string): { reason: string; offset?: number } {
  const unquoted = message.replace(/, (\.\.\.)?".*"(\.\.\.)? is not valid JSON$/s, '');
  const m = /^(.*?)(?: in JSON)?(?: at position (\d+))?(?: \(line \d+ column \d+\))?$/s.exec(
    unquoted,
  );
  const reason = (m?.[1] ?? unquoted).replace(/^./, (c) => c.toLowerCase());
  return { reason, offset: m?.[2] === undefined ? undefined : Number(m[2]) };
}

/** A 400 naming where a value of the body (`text`, which begins at `start`) did not parse. */
export function notJson(err: unknown, text: string, start: TextPosition): Invalid {
  const { reason, offset } = complaint(err instanceof Error ? err.message : String(err));
  const at = offset === undefined ? start : advance(start, text, offset);
  const where =
    offset === undefined
      ? `the value at line ${at.line}, column ${at.column}`
      : `line ${at.line}, column ${at.column}`;
  return new Invalid(`the body is not valid JSON: ${where}: ${reason}`, {
    line: at.line,
    column: at.column,
  });
}

/** A 400 for a body whose shape is wrong at a known place. */
export function badShape(at: TextPosition, reason: string): Invalid {
  return new Invalid(`line ${at.line}, column ${at.column}: ${reason}`, {
    line: at.line,
    column: at.column,
  });
}

/** Parses one value of the body, or throws a 400 saying where it went wrong. */
export function parseAt(text: string, start: TextPosition): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw notJson(err, text, start);
  }
}
