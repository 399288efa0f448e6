import { html, raw } from 'hono/html';
import type { PlaceDocument } from '../../documents/place-document.ts';
import { PAGE_STYLE } from '../pages/layout.ts';
import { meteogram } from './chart/meteogram.ts';
import { noticeHtml } from './place-html.ts';
import { chartHours, v } from './place-sections.ts';
import { conditionWords, dayName } from './place-text.ts';
import { symbolAt, symbolCredit, symbolImg, symbolOf } from './symbol.ts';

/** The widget's own style, after the site's (allowed by its hash: src/http/inline-styles.ts). */
export const WIDGET_STYLE =
  'body.widget{font-size:14px}body.widget main{max-width:none;padding:.5rem .75rem}' +
  '.widget-head{display:flex;align-items:center;gap:.6rem;flex-wrap:wrap;margin:0 0 .4rem}' +
  '.widget-head .now{font-size:1.8rem}.widget-head img{width:48px;height:48px}' +
  'ul.days.mini{grid-template-columns:repeat(auto-fill,minmax(5.5rem,1fr));margin:.5rem 0;gap:.4rem}' +
  'ul.days.mini li{padding:.3rem .5rem;align-items:center}body.widget footer{font-size:.75rem;padding:0 .75rem .5rem;max-width:none}';

/** Days the widget shows as cards: enough for a glance, few enough for a small frame. */
const DAYS = 5;

/**
 * The page other sites frame (`/{CC}/{Name}/widget`): now, the meteogram and the next days, each
 * link opening isobar in a new tab rather than inside the frame. No search box: it is a part
 * of someone else's page.
 */
export async function widgetHtml(doc: PlaceDocument, credits: readonly string[]): Promise<string> {
  const { location: loc, units: u, current: c } = doc;
  const out = { target: '_blank', rel: 'noopener' };
  const chart = meteogram({ hours: chartHours(doc), timeZone: loc.timezone, units: u });
  const now = c && symbolAt(c.condition, new Date(c.observed_at), loc);
  const body = html`<main>
<p class="widget-head"><a href="${loc.path}" target="${out.target}" rel="${out.rel}"><strong>${loc.name}</strong></a>
${now ? html`${symbolImg(now, 48)}<span class="now">${v(c.temperature, u.temperature)}</span><span>${conditionWords(c.condition)}</span>` : html`<span>No current conditions yet.</span>`}</p>
${noticeHtml(doc.notice)}
${chart ? html`<div class="scroll" role="region" aria-label="Forecast chart (scrolls sideways)" tabindex="0">${raw(chart)}</div>` : html`<p>No forecast for this place yet.</p>`}
<ul class="days mini">${doc.forecast.days.slice(0, DAYS).map((d) => {
    const s = symbolOf(d.condition, true);
    return html`<li><strong>${dayName(d.date)}</strong>${symbolImg(s, 32)}<span><span class="hi">${v(d.temperature_max, u.temperature)}</span> <span class="lo">/ ${v(d.temperature_min, u.temperature)}</span></span></li>`;
  })}</ul></main>
<footer class="muted"><div><a href="${loc.path}" target="${out.target}" rel="${out.rel}">Full forecast for ${loc.name} on isobar</a></div>
${[...new Set([...credits, ...doc.attribution])].map((line) => html`<div>${line}</div>`)}<div>${symbolCredit(true)}</div></footer>`;
  const page = html`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${loc.name}, ${loc.country} · isobar</title><style>${raw(PAGE_STYLE)}</style><style>${raw(WIDGET_STYLE)}</style></head>
<body class="widget">${body}</body></html>`;
  return (await page).toString();
}
