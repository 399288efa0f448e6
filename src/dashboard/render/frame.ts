import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { DashboardState } from '../api-documents.ts';
import type { Assets } from '../assets.ts';

export interface FrameOptions {
  title: string;
  body: HtmlEscapedString | Promise<HtmlEscapedString>;
  assets: Assets;
  /** Which page of the dashboard this is, for the navigation. */
  section: 'index' | 'place' | 'compare' | 'operations' | 'error';
  /** What the script needs to redraw the page in place (JSON); none: no charts. */
  state?: DashboardState;
  /** Attributions of the data shown, one line each. */
  credits?: readonly string[];
}

/** JSON safe inside a script element: no `</script>` and no HTML comment can close it early. */
const scriptJson = (value: unknown) =>
  JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');

const NAV: [FrameOptions['section'], string, string][] = [
  ['index', 'Overview', '/dashboard'],
  ['place', 'Places', '/dashboard/GB/London'],
  ['compare', 'Compare', '/dashboard/compare?places=GB%2FLondon%2CFR%2FParis'],
  ['operations', 'Operations', '/dashboard/operations'],
];

/** The frame of every dashboard page: navigation, the chart library and the page's state. */
export async function frame(o: FrameOptions): Promise<string> {
  const charts = o.state !== undefined;
  const doc = html`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${o.title} · isobar dashboard</title>
<link rel="stylesheet" href="${o.assets.uri.css}">
${charts ? html`<link rel="stylesheet" href="${o.assets.uri.uplotCss}">` : ''}
</head>
<body class="${o.section}">
<header><span><a class="brand" href="/">isobar</a> <span class="muted">dashboard</span></span>
<nav aria-label="Dashboard">${NAV.map(
    ([section, label, href]) =>
      html`<a href="${href}"${section === o.section ? raw(' aria-current="page"') : ''}>${label}</a>`,
  )}</nav></header>
<main>${o.body}</main>
<footer class="muted">${(o.credits ?? []).map((c) => html`<div>${c}</div>`)}
${charts ? html`<div>Charts drawn with uPlot (MIT licence).</div>` : ''}</footer>
${
  charts
    ? html`<script type="application/json" id="dashboard-state">${raw(scriptJson(o.state))}</script>
<script src="${o.assets.uri.uplotJs}" defer></script>
<script src="${o.assets.uri.js}" defer></script>`
    : ''
}
</body></html>`;
  return (await doc).toString();
}
