import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { ALERTS_STYLE, DARK_ALERTS_STYLE } from '../alerts/alert-words.ts';
import { headerSearch, SEARCH_BOX_STYLE, siteScript } from '../search/search-box.ts';

/** The site's style sheet in light colours. */
const LIGHT_PAGE_STYLE = `
body{font:16px/1.45 system-ui,sans-serif;margin:0;color:#1d2630;background:#f5f7fa}
header,main,footer{max-width:52rem;margin:0 auto;padding:0 1rem}
header{display:flex;gap:1rem;align-items:center;justify-content:space-between;padding-top:1rem;flex-wrap:wrap}
header a{font-weight:700;text-decoration:none;color:inherit;font-size:1.2rem}
form.search input[type=search]{padding:.4rem .6rem;font-size:1rem;width:14rem}
h1{margin:.8rem 0 .2rem}.muted{color:#5b6875}.notice{background:#fff4d6;border:1px solid #e6c260;padding:.6rem .8rem;border-radius:.4rem}
.now{font-size:2.6rem;font-weight:650}table{border-collapse:collapse;width:100%;background:#fff}
td,th{padding:.3rem .5rem;border-bottom:1px solid #e3e8ee;text-align:left}footer{font-size:.85rem;padding-bottom:2rem;margin-top:2rem}
form.choose{display:inline}form.choose button{font:inherit;color:LinkText;background:none;border:0;padding:0;text-decoration:underline;cursor:pointer}
*,*::before,*::after{box-sizing:border-box}img,svg{max-width:100%}
.top{display:flex;flex-wrap:wrap;gap:1rem;align-items:stretch}
.current{display:flex;gap:1rem;align-items:center;flex:1 1 22rem;background:#fff;border-radius:.6rem;padding:.8rem 1rem;box-shadow:0 1px 2px #0001}
.current p{margin:.2rem 0}.current .now{line-height:1.1}.sky{font-size:1.2rem;font-weight:600}
.symbol-now{flex:none;width:88px;height:88px}
.sun{flex:1 1 12rem;background:#fff;border-radius:.6rem;padding:.8rem 1rem;box-shadow:0 1px 2px #0001}
.sun dl{margin:0;display:grid;gap:.3rem}.sun dl div{display:flex;justify-content:space-between;gap:1rem}
.sun dt{color:#5b6875;white-space:nowrap}.sun dd{margin:0;font-weight:600}
ul.days{list-style:none;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(9.5rem,1fr));gap:.6rem}
ul.days li{background:#fff;border-radius:.6rem;padding:.6rem .8rem;display:flex;flex-direction:column;gap:.1rem;box-shadow:0 1px 2px #0001}
.hi{font-size:1.15rem;font-weight:700;white-space:nowrap}.lo{color:#5b6875;white-space:nowrap}
.chart{margin:0}.scroll{overflow-x:auto;max-width:100%;background:#fff;border-radius:.6rem}
.meteogram{display:block;max-width:none;height:auto;margin:0 auto}
figcaption{font-size:.85rem;margin-top:.4rem}
details.hourly{margin:1rem 0}details.hourly summary{cursor:pointer;font-weight:600;padding:.3rem 0}
.hourly table{min-width:32rem}
code{background:#e9eef3;padding:0 .25rem;border-radius:.25rem;overflow-wrap:anywhere}
@media (max-width:30rem){.now{font-size:2.2rem}.symbol-now{width:64px;height:64px}form.search input[type=search]{width:10rem}}
.sky-cell img{vertical-align:middle}.sky-cell .words{margin-left:.4rem}.part{font-size:.85rem}
.scroll:focus-visible{outline:2px solid #2b6cb0;outline-offset:2px}
@media (max-width:30rem){.sky-cell .words{display:none}.hourly table{min-width:0}.hourly td,.hourly th{padding:.3rem}}
${ALERTS_STYLE}
`;

/** The site's dark mode, following the system's setting. */
const DARK_PAGE_STYLE = `
:root{color-scheme:light dark}
@media (prefers-color-scheme:dark){body{color:#e3e8ee;background:#11171d}a{color:#8cc4ff}a:visited{color:#c9b0ff}
.muted,.lo,.sun dt{color:#a5b1bd}.notice{background:#3a3115;border-color:#8a7330}
.current,.sun,ul.days li,table,.scroll{background:#1b232c;box-shadow:none}td,th{border-bottom-color:#2c3742}
code{background:#26313c}form.choose button{color:#8cc4ff}.scroll:focus-visible{outline-color:#8cc4ff}
img.night{filter:brightness(1.8)}
${DARK_ALERTS_STYLE}}`;

/** The site's style sheet, inline in every page (allowed by its hash: src/http/inline-styles.ts). */
export const PAGE_STYLE = LIGHT_PAGE_STYLE + DARK_PAGE_STYLE;

export interface PageOptions {
  title: string;
  body: HtmlEscapedString | Promise<HtmlEscapedString>;
  /** Attributions for the data this page shows, one line each. */
  credits: readonly (string | HtmlEscapedString)[];
  /** The page reloads itself after this many seconds (a place whose weather is on its way). */
  refreshSeconds?: number;
  /** A style sheet of this kind of page, after the site's; it must be listed in inline-styles.ts. */
  style?: string;
  /** A script of this kind of page, by its asset's name (asset-table.ts), after the site's. */
  script?: string;
  /** What the header's search box holds: the text searched for, on a results page. */
  query?: string;
  /** Leaves the header's search box out, for a page whose own box is the one to use. */
  noHeaderSearch?: boolean;
}

/** A page's credits: the site's, then those its document owes its data sources. */
export const withSources = (
  credits: readonly string[],
  doc: { attribution: readonly string[] },
) => [...new Set([...credits, ...doc.attribution])];

/** The frame of every HTML page: search box on top, data credits at the foot. */
export async function page({
  title,
  body,
  credits,
  refreshSeconds,
  style,
  script,
  query,
  noHeaderSearch,
}: PageOptions): Promise<string> {
  const refresh = refreshSeconds
    ? html`<meta http-equiv="refresh" content="${refreshSeconds}">`
    : '';
  const doc = html`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
${refresh}<title>${title} · isobar</title><link rel="icon" href="/favicon.svg" type="image/svg+xml"><link rel="icon" href="/favicon.ico" sizes="16x16 32x32 48x48"><style>${raw(PAGE_STYLE)}</style><style>${raw(SEARCH_BOX_STYLE)}</style>${style ? html`<style>${raw(style)}</style>` : ''}${siteScript()}${script ? siteScript(script) : ''}</head>
<body>
<header><a href="/">isobar</a>
${noHeaderSearch ? '' : headerSearch(query)}</header>
<main>${body}</main>
<footer class="muted">${credits.map((c) => html`<div>${c}</div>`)}<div><a href="/api">API reference</a></div></footer>
</body></html>`;
  return (await doc).toString();
}
