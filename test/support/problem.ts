import { expect } from 'vitest';

/** The content types a problem comes in: the document itself, its text, or a page for people. */
export const PROBLEM_OR_PAGE =
  /^(application\/problem\+json|text\/html|text\/plain); charset=utf-8$/;

/**
 * The problem document of an answer: its body (`application/problem+json`), the `name: value`
 * lines that end its text form (`text/plain`, at `.txt` URIs), or the copy an HTML error page
 * carries in `<script type="application/problem+json">`.
 */
// biome-ignore lint/suspicious/noExplicitAny: tests read members of any problem
export async function problemOf(res: Response): Promise<Record<string, any>> {
  const type = res.headers.get('content-type') ?? '';
  expect(type).toMatch(PROBLEM_OR_PAGE);
  const text = await res.text();
  if (type.startsWith('application/problem+json')) return JSON.parse(text);
  if (type.startsWith('text/plain')) return problemOfText(text);
  const embedded = /<script type="application\/problem\+json" id="problem">(.*?)<\/script>/s.exec(
    text,
  );
  expect(embedded, 'an HTML error page carries its problem document').not.toBeNull();
  return JSON.parse(embedded![1]!);
}

/** The members a problem's text form ends with, after its first blank line, as a document. */
function problemOfText(text: string) {
  const members = text
    .slice(text.indexOf('\n\n') + 2)
    .trimEnd()
    .split('\n');
  expect(members[0], 'a text problem lists its members after a blank line').toBe(
    'type: about:blank',
  );
  const entries = members.map((line) => {
    const [name, value] = [line.slice(0, line.indexOf(': ')), line.slice(line.indexOf(': ') + 2)];
    // Members other than strings are written as JSON (status, extensions).
    return [name, name === 'status' || /^[[{]/.test(value) ? JSON.parse(value) : value];
  });
  return Object.fromEntries(entries);
}
