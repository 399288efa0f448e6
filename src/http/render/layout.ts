import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

const STYLE = `
body{font:16px/1.45 system-ui,sans-serif;margin:0;color:#1d2630;background:#f5f7fa}
header,main,footer{max-width:52rem;margin:0 auto;padding:0 1rem}
header{display:flex;gap:1rem;align-items:center;justify-content:space-between;padding-top:1rem;flex-wrap:wrap}
header a{font-weight:700;text-decoration:none;color:inherit;font-size:1.2rem}
form.search input[type=search]{padding:.4rem .6rem;font-size:1rem;width:14rem}
h1{margin:.8rem 0 .2rem}.muted{color:#5b6875}.notice{background:#fff4d6;border:1px solid #e6c260;padding:.6rem .8rem;border-radius:.4rem}
.now{font-size:2.6rem;font-weight:650}table{border-collapse:collapse;width:100%;background:#fff}
td,th{padding:.3rem .5rem;border-bottom:1px solid #e3e8ee;text-align:left}footer{font-size:.85rem;padding-bottom:2rem;margin-top:2rem}
ul.places li{margin:.25rem 0}`;

export interface PageOptions {
  title: string;
  body: HtmlEscapedString | Promise<HtmlEscapedString>;
  /** Attributions for the data this page shows, one line each. */
  credits: readonly (string | HtmlEscapedString)[];
}

/** A page's credits: the site's, then those its document owes its data sources. */
export const withSources = (
  credits: readonly string[],
  doc: { attribution: readonly string[] },
) => [...new Set([...credits, ...doc.attribution])];

/** The frame of every HTML page: search box on top, data credits at the foot. */
export async function page({ title, body, credits }: PageOptions): Promise<string> {
  const doc = html`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${title} · isobar</title><link rel="icon" href="/favicon.svg" type="image/svg+xml"><link rel="icon" href="/favicon.ico" sizes="16x16 32x32 48x48"><style>${raw(STYLE)}</style></head>
<body>
<header><a href="/">isobar</a>
<form class="search" action="/search" method="get" role="search">
<input type="search" name="q" placeholder="Find a place…" aria-label="Find a place" maxlength="100" required>
<button type="submit">Go</button></form></header>
<main>${body}</main>
<footer class="muted">${credits.map((c) => html`<div>${c}</div>`)}<div><a href="/api">API reference</a></div></footer>
</body></html>`;
  return (await doc).toString();
}
