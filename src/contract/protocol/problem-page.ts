import {
  PROBLEM_JSON,
  type ProblemCode,
  type ProblemDocument,
  type ProblemInit,
  problemDocument,
} from './problem.ts';
import { createSecurityHeaders } from './security-headers.ts';

/**
 * Problems as people see them. Which form a URI's problem takes is decided by its path alone,
 * never by `Accept`, so that a cached 404 needs no `Vary` and caches are not split: the JSON API
 * (`/v1/…`), the operator's URIs and every `.json` or `.txt` representation answer the problem
 * document; every other URI is one a person opens in a browser, and gets a page.
 */
export type ProblemForm = 'html' | 'json';

const MACHINE_PREFIX = /^\/(v1|_edge|metrics|healthz)(\/|$)/i;
const MACHINE_EXTENSION = /\.(json|txt)\/?$/i;

/** The form a problem takes at a path (decoded or raw: only ASCII is looked at). */
export function problemForm(path: string): ProblemForm {
  return MACHINE_PREFIX.test(path) || MACHINE_EXTENSION.test(path) ? 'json' : 'html';
}

export const HTML = 'text/html; charset=utf-8';
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

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

const sentence = (text: string) =>
  `${text.charAt(0).toUpperCase()}${text.slice(1)}${/[.!?]$/.test(text) ? '' : '.'}`;

/** A search to suggest: the last segment of the path, as words, when it looks like a name. */
function searchGuess(instance: string): string {
  const last = instance.replace(/\/+$/, '').split('/').pop() ?? '';
  let words = last.replace(/\.(html?|json|txt)$/i, '').replace(/[-_+]+/g, ' ');
  try {
    words = decodeURIComponent(words);
  } catch {}
  return /^[\p{L}][\p{L}\p{M} .'’]{1,60}$/u.test(words.trim()) ? words.trim() : '';
}

/** The problem document inside a page, for scripts and tools: `<` escaped, so it cannot end the script. */
const embedded = (doc: ProblemDocument) => JSON.stringify(doc).replace(/</g, '\\u003c');

/** The heading of a problem's page. */
export const problemHeading = (doc: ProblemDocument) => WORDS[doc.code]?.[0] ?? doc.title;

/**
 * The content of a problem's page (what went wrong, a way on, the request id when the answer is
 * not cached): the same words whoever frames it, the origin's layout or the edge's own.
 */
export function problemPageMain(doc: ProblemDocument): string {
  const hint = WORDS[doc.code]?.[1];
  const guess = searchGuess(doc.instance);
  const id = doc.request_id
    ? `<p class="muted">Request id <code>${escapeHtml(doc.request_id)}</code>: quote it if you report this.</p>`
    : '';
  return `<section class="problem" data-problem-code="${escapeHtml(doc.code)}">
<p class="muted">Error ${doc.status} · ${escapeHtml(doc.title)}</p>
<h1>${escapeHtml(problemHeading(doc))}</h1>
<p class="detail">${escapeHtml(sentence(doc.detail))}</p>
${hint ? `<p>${escapeHtml(hint)}</p>` : ''}
<form class="search" action="/search" method="get" role="search">
<label for="problem-q">Find a place</label>
<input id="problem-q" type="search" name="q" value="${escapeHtml(guess)}" maxlength="100" required>
<button type="submit">Search</button></form>
<p><a href="/">Home</a> · <a href="${API_REFERENCE_PATH}">API reference</a></p>
${id}<p class="muted">Problem <code>${escapeHtml(doc.code)}</code> at <code>${escapeHtml(doc.instance)}</code></p>
<script type="application/problem+json" id="problem">${embedded(doc)}</script>
</section>`;
}

/**
 * The standalone problem page's styles. A page the edge makes carries them too, and the edge
 * has no synchronous hash function: the CSP source below is written out, and a test checks it.
 */
export const PROBLEM_PAGE_STYLE =
  'body{font:16px/1.45 system-ui,sans-serif;margin:0;color:#1d2630;background:#f5f7fa}' +
  'header,main{max-width:52rem;margin:0 auto;padding:1rem}header a{font-weight:700;' +
  'text-decoration:none;color:inherit;font-size:1.2rem}.muted{color:#5b6875}' +
  'input{padding:.4rem .6rem;font-size:1rem;max-width:60vw}';

/** PROBLEM_PAGE_STYLE's source in a Content-Security-Policy (problem-page.test.ts checks it). */
export const PROBLEM_PAGE_STYLE_HASH = 'sha256-OmxRKAwoqj9ZW7I9yNoLhd3lr5WxdhF6u9PNtysMrS8=';

/**
 * The security headers of answers made without the origin's pages (the edge's own, the server's
 * refusals before routing): their one page is the standalone problem page.
 */
export const standaloneSecurity = createSecurityHeaders({ styleHashes: [PROBLEM_PAGE_STYLE_HASH] });

/** A whole page for a problem, standing alone: for answers given without the origin's layout. */
export function problemPage(doc: ProblemDocument): string {
  const title = escapeHtml(`${problemHeading(doc)} · isobar`);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${title}</title><link rel="icon" href="/favicon.svg" type="image/svg+xml"><style>${PROBLEM_PAGE_STYLE}</style></head>
<body><header><a href="/">isobar</a></header><main>${problemPageMain(doc)}</main></body></html>`;
}

/**
 * A problem no cache may keep, in the form its path calls for (see problemForm): the answer the
 * edge and the server's own refusals give, where the origin's layout is not at hand.
 */
export function problemAnswer(
  path: string,
  init: ProblemInit,
  requestId: string,
): { status: number; contentType: string; body: string } {
  const doc = problemDocument(init, requestId);
  return problemForm(path) === 'html'
    ? { status: doc.status, contentType: HTML, body: problemPage(doc) }
    : { status: doc.status, contentType: PROBLEM_JSON, body: JSON.stringify(doc) };
}
