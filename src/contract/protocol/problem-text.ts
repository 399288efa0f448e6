import { PROBLEM_JSON, type ProblemDocument } from './problem.ts';
import {
  API_REFERENCE_PATH,
  problemHeading,
  problemHint,
  searchGuess,
  sentence,
} from './problem-words.ts';

export const PLAIN_TEXT = 'text/plain; charset=utf-8';

// A member's value on one line: a detail never breaks the `name: value` list it sits in.
const oneLine = (value: unknown) =>
  (typeof value === 'string' ? value : JSON.stringify(value)).replace(/[\r\n]+/g, ' ');

/**
 * A problem as plain text, for `.txt` URIs, which terminals and status bars read: the words a
 * page would say, a way on, then every member of the problem document as a `name: value` line,
 * so a program reading the text loses nothing the JSON form carries.
 */
export function problemText(doc: ProblemDocument): string {
  const hint = problemHint(doc);
  const guess = searchGuess(doc.instance);
  const find = guess ? `/search?q=${encodeURIComponent(guess)}` : '/search';
  const lines = [
    `Error ${doc.status} · ${doc.title}`,
    `${problemHeading(doc)}. ${sentence(doc.detail)}`,
    ...(hint ? [hint] : []),
    `Find a place: ${find} · API reference: ${API_REFERENCE_PATH}`,
    '',
    ...Object.entries(doc).map(([name, value]) => `${name}: ${oneLine(value)}`),
  ];
  return `${lines.join('\n')}\n`;
}

/** A problem in a form for programs: the document (RFC 9457), or its text at `.txt` URIs. */
export function machineProblem(
  form: 'json' | 'text',
  doc: ProblemDocument,
): { contentType: string; body: string } {
  return form === 'text'
    ? { contentType: PLAIN_TEXT, body: problemText(doc) }
    : { contentType: PROBLEM_JSON, body: JSON.stringify(doc) };
}
