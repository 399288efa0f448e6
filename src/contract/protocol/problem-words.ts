import type { ProblemCode, ProblemDocument } from './problem.ts';

/**
 * The words a person reads about a problem, whatever its form (a page, or text at `.txt` URIs):
 * a heading, what to do next, and a search to suggest.
 */

/** The API reference for people: every problem offers it as a way on. */
export const API_REFERENCE_PATH = '/api';

/** What a person is told, beyond the problem's own title: a heading and what to do next. */
const WORDS: Partial<Record<ProblemCode, [heading: string, hint: string]>> = {
  'invalid-request': [
    'That address is not quite right',
    'Check the address, or find the place instead.',
  ],
  'no-such-uri': ['There is nothing here', 'The address may be mistyped, or the link outdated.'],
  'not-found': ['There is nothing here', 'The address may be mistyped, or the link outdated.'],
  'unknown-place': [
    'We do not know that place',
    'Place names are spelled as in the catalog; search finds them by the start of their name.',
  ],
  'empty-catalog': ['No places yet', 'The place catalog of this site is empty.'],
  'no-data': ['No weather for that day', 'No source has reported for this place on that date.'],
  'method-not-allowed': ['That cannot be done here', 'Pages here can only be read.'],
  'request-timeout': ['That took too long', 'The request did not arrive in time; try again.'],
  'uri-too-long': ['That address is too long', 'Shorten the address, or find the place instead.'],
  'headers-too-large': [
    'Your browser sent too much',
    "The request's headers are too large; clearing this site's cookies usually helps.",
  ],
  'rate-limited': ['Too many requests', 'Wait a moment, then try again.'],
  internal: ['Something went wrong on our side', 'It is not your fault; try again in a moment.'],
  unavailable: ['The weather is taking a break', 'The service is busy or being repaired.'],
  'origin-unreachable': ['We could not reach the weather server', 'Try again in a moment.'],
  'origin-timeout': ['The weather server took too long', 'Try again in a moment.'],
  'edge-misconfigured': ['This site is misconfigured', 'Its operator has been told.'],
};

/** A sentence of a text: its first letter in capitals, ending with a full stop. */
export const sentence = (text: string) =>
  `${text.charAt(0).toUpperCase()}${text.slice(1)}${/[.!?]$/.test(text) ? '' : '.'}`;

/** A search to suggest: the last segment of the path, as words, when it looks like a name. */
export function searchGuess(instance: string): string {
  const last = instance.replace(/\/+$/, '').split('/').pop() ?? '';
  let words = last.replace(/\.(html?|json|txt)$/i, '').replace(/[-_+]+/g, ' ');
  try {
    words = decodeURIComponent(words);
  } catch {}
  return /^[\p{L}][\p{L}\p{M} .'’]{1,60}$/u.test(words.trim()) ? words.trim() : '';
}

/** The heading of a problem's page. */
export const problemHeading = (doc: ProblemDocument) => WORDS[doc.code]?.[0] ?? doc.title;

/** What a person may do next about a problem, where there is something to say. */
export const problemHint = (doc: ProblemDocument) => WORDS[doc.code]?.[1];
