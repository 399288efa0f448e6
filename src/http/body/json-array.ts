import { badShape, parseAt, type TextPosition } from './json-error.ts';

const [TAB, LF, CR, SPACE] = [9, 10, 13, 32];
const [QUOTE, COMMA, BACKSLASH] = [34, 44, 92];
const [OPEN_BRACKET, CLOSE_BRACKET, OPEN_BRACE, CLOSE_BRACE] = [91, 93, 123, 125];

type Phase = 'before' | 'value' | 'element' | 'done';

const isSpace = (ch: number) => ch === SPACE || ch === LF || ch === CR || ch === TAB;

/**
 * The elements of a body that is one JSON array, each parsed as soon as it is complete, so the
 * body is never held whole and a syntax error is reported at its line and column. Only the
 * array's own structure is followed here (strings, nesting, commas); JSON.parse judges each
 * element.
 */
export async function* jsonArrayValues(chunks: AsyncIterable<string>): AsyncGenerator<unknown> {
  let phase = 'before' as Phase;
  let afterComma = false;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let parts: string[] = [];
  let start: TextPosition = { line: 1, column: 1 };
  let line = 1;
  let column = 1;
  for await (const chunk of chunks) {
    let from = 0;
    for (let i = 0; i < chunk.length; i++) {
      const ch = chunk.charCodeAt(i);
      if (phase !== 'element' && !isSpace(ch)) {
        const at = { line, column };
        if (phase === 'before') {
          if (ch !== OPEN_BRACKET) {
            throw badShape(
              at,
              'the body must be one JSON array of row objects, [{…}, …]; ' +
                'for one object per line, send Content-Type: application/x-ndjson',
            );
          }
          phase = 'value';
        } else if (phase === 'done') {
          throw badShape(at, 'there is more after the array was closed with ]');
        } else if (ch === CLOSE_BRACKET && !afterComma) {
          phase = 'done';
        } else if (ch === COMMA || ch === CLOSE_BRACKET) {
          throw badShape(at, 'a row is missing here');
        } else {
          phase = 'element';
          from = i;
          start = at;
          depth = 0;
        }
      }
      if (phase === 'element') {
        if (inString) {
          if (escaped) escaped = false;
          else if (ch === BACKSLASH) escaped = true;
          else if (ch === QUOTE) inString = false;
        } else if (ch === QUOTE) inString = true;
        else if (ch === OPEN_BRACE || ch === OPEN_BRACKET) depth++;
        else if (depth > 0 && (ch === CLOSE_BRACE || ch === CLOSE_BRACKET)) depth--;
        else if (depth === 0 && (ch === COMMA || ch === CLOSE_BRACKET)) {
          parts.push(chunk.slice(from, i));
          const text = parts.join('');
          parts = [];
          phase = ch === COMMA ? 'value' : 'done';
          afterComma = ch === COMMA;
          yield parseAt(text, start);
        }
      }
      if (ch === LF) {
        line++;
        column = 1;
      } else column++;
    }
    if (phase === 'element') parts.push(chunk.slice(from));
  }
  // Read through a cast: the checker does not see the loop above change it.
  const end = phase as Phase;
  if (end === 'before') throw badShape({ line, column }, 'the body is empty: send [] at least');
  if (end !== 'done') {
    throw badShape({ line, column }, 'the body ends before the array is closed with ]');
  }
}
