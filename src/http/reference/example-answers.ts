import { readFileSync } from 'node:fs';

/**
 * An answer of the running origin to an example request, as the reference shows it: the status,
 * the headers a caller acts on, and the body (JSON laid out with long arrays cut short, text as
 * it is, nothing for HTML and empty bodies).
 */
export interface ExampleAnswer {
  status: number;
  headers: Record<string, string>;
  body: string | null;
}

/** Example answers by the request that asks for them (`/GB/London.json`). */
export type ExampleAnswers = Record<string, ExampleAnswer>;

/** The headers the reference shows, in this order, where an answer has them. */
const SHOWN_HEADERS = ['content-type', 'cache-control', 'location'];

/** Array items shown before the rest are counted: an example shows the shape, not the data. */
const ITEMS_SHOWN = 2;

/** JSON laid out as JSON.stringify(…, null, 2) does, each long array cut to its first items. */
export function abridgedJson(value: unknown, indent = ''): string {
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const shown = value.length > ITEMS_SHOWN + 1 ? value.slice(0, ITEMS_SHOWN) : value;
    const lines = shown.map((v) => inner + abridgedJson(v, inner));
    const rest = value.length - shown.length;
    const more = rest > 0 ? `,\n${inner}… ${rest} more` : '';
    return `[\n${lines.join(',\n')}${more}\n${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) return '{}';
    const lines = entries.map(
      ([k, v]) => `${inner}${JSON.stringify(k)}: ${abridgedJson(v, inner)}`,
    );
    return `{\n${lines.join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}

/** What the reference shows of an answer. */
export async function exampleAnswer(res: Response): Promise<ExampleAnswer> {
  const headers: Record<string, string> = {};
  for (const name of SHOWN_HEADERS) {
    const value = res.headers.get(name);
    if (value !== null) headers[name] = value;
  }
  const type = headers['content-type'] ?? '';
  const text = await res.text();
  const body =
    text === '' || type.startsWith('text/html')
      ? null
      : /json/.test(type)
        ? abridgedJson(JSON.parse(text))
        : text;
  return { status: res.status, headers, body };
}

/** The file the examples are kept in, written by test/http/api-examples.test.ts. */
export const EXAMPLE_ANSWERS_FILE = new URL('./example-answers.json', import.meta.url);

type KeptAnswer = Omit<ExampleAnswer, 'body'> & { body: string[] | null };

/** The examples as the file keeps them: each body as its lines, so that a change diffs by line. */
export function keptExamples(answers: ExampleAnswers): string {
  const kept = Object.fromEntries(
    Object.entries(answers).map(([request, a]) => [
      request,
      { ...a, body: a.body?.split('\n') ?? null },
    ]),
  );
  return `${JSON.stringify(kept, null, 2)}\n`;
}

let read: ExampleAnswers | undefined;

/** The kept example answers, read once (at the first /api a process renders). */
export function exampleAnswers(): ExampleAnswers {
  if (read) return read;
  const kept = JSON.parse(readFileSync(EXAMPLE_ANSWERS_FILE, 'utf8')) as Record<string, KeptAnswer>;
  read = Object.fromEntries(
    Object.entries(kept).map(([request, a]) => [
      request,
      { ...a, body: a.body?.join('\n') ?? null },
    ]),
  );
  return read;
}
