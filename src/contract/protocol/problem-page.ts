import { type ProblemDocument, type ProblemInit, problemDocument } from './problem.ts';
import { machineProblem } from './problem-text.ts';
import {
  API_REFERENCE_PATH,
  problemHeading,
  problemHint,
  searchGuess,
  sentence,
} from './problem-words.ts';
import { createSecurityHeaders } from './security-headers.ts';

/**
 * Problems as people see them. Which form a URI's problem takes is decided by its path alone,
 * never by `Accept`, so that a cached 404 needs no `Vary` and caches are not split: the JSON API
 * (`/v1/…`), the operator's URIs and every `.json` representation answer the problem document;
 * a `.txt` representation answers it as text (a terminal or a status bar shows what it gets);
 * every other URI is one a person opens in a browser, and gets a page.
 */
export type ProblemForm = 'html' | 'json' | 'text';

const MACHINE_PREFIX = /^\/(v1|_edge|metrics|healthz)(\/|$)/i;
const JSON_EXTENSION = /\.json\/?$/i;
// A place's warnings: `/GB/London/alerts` is JSON and `.atom` a feed, read by programs.
const ALERTS = /^\/[^/]+\/[^/]+\/alerts(\.atom)?\/?$/i;
const TEXT_EXTENSION = /\.txt\/?$/i;

/** The form a problem takes at a path (decoded or raw: only ASCII is looked at). */
export function problemForm(path: string): ProblemForm {
  if (MACHINE_PREFIX.test(path) || JSON_EXTENSION.test(path) || ALERTS.test(path)) return 'json';
  return TEXT_EXTENSION.test(path) ? 'text' : 'html';
}

export const HTML = 'text/html; charset=utf-8';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** The problem document inside a page, for scripts and tools: `<` escaped, so it cannot end the script. */
const embedded = (doc: ProblemDocument) => JSON.stringify(doc).replace(/</g, '\\u003c');

/**
 * The content of a problem's page (what went wrong, a way on, the request id when the answer is
 * not cached): the same words whoever frames it, the origin's layout or the edge's own.
 */
export function problemPageMain(doc: ProblemDocument): string {
  const hint = problemHint(doc);
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
  const form = problemForm(path);
  return form === 'html'
    ? { status: doc.status, contentType: HTML, body: problemPage(doc) }
    : { status: doc.status, ...machineProblem(form, doc) };
}
