import { html } from 'hono/html';
import { embedPaths } from '../../contract/uris/uri-space.ts';
import type { PlaceDocument } from '../../documents/place-document.ts';
import { unitsQueryFor } from '../../domain/weather/units.ts';
import { alertsSection } from '../alerts/alert-words.ts';
import { chooseButton } from '../pages/choose-buttons.ts';
import { page, withSources } from '../pages/layout.ts';
import { daysSection } from './day-cards.ts';
import { zoneWords } from './local-time.ts';
import { chartSection, hourlySection, nowSection, sunSection } from './place-sections.ts';
import { behindWords, FETCHING_RELOAD_S, fetchingWords, sourceLines } from './place-text.ts';
import { symbolCredit } from './symbol.ts';

/** A document's notice as a page shows it: its lead (`Demo data`) in bold, said once. */
export function noticeHtml(notice: string | undefined) {
  if (!notice) return '';
  const colon = notice.indexOf(': ');
  if (colon < 0) return html`<p class="notice" role="note">${notice}</p>`;
  return html`<p class="notice" role="note"><strong>${notice.slice(0, colon)}:</strong> ${notice.slice(colon + 2)}</p>`;
}

/** The page people see at `/{CC}/{Name}`: now, the sun, the coming days, the chart, each hour. */
export function placeHtml(
  doc: PlaceDocument,
  credits: readonly string[],
  now: Date,
): Promise<string> {
  const { location: loc, units: u } = doc;
  const cc = loc.country_code;
  const other = u.system === 'metric' ? 'imperial' : 'metric';
  const behind = behindWords(doc);
  const embeds = embedPaths(loc.path.slice(1));
  const query = unitsQueryFor(cc, 'html', u.system);
  const body = html`
<h1>${loc.name}</h1>
<p class="muted subtitle">${loc.region ? `${loc.region}, ` : ''}${loc.country} · local time: ${zoneWords(now, loc.timezone)}</p>
${alertsSection(doc)}
${noticeHtml(doc.notice)}
${doc.fetching ? html`<p class="notice" role="status">${fetchingWords(doc)}</p>` : ''}
${behind ? html`<p class="notice" role="status">${behind}</p>` : ''}
<div class="top">${nowSection(doc)}${sunSection(doc, now)}</div>
${daysSection(doc)}
${chartSection(doc)}
${hourlySection(doc)}
<p>${chooseButton(loc.path.slice(1), `Make ${loc.name} my place`)} · not here? search above.</p>
${doc.sources.length > 0 ? html`<p class="muted">Sources (local time): ${sourceLines(doc).join('; ')}.</p>` : ''}
<p class="muted">Also as <a href="${loc.links.json}${unitsQueryFor(cc, 'json', u.system)}">JSON</a> ·
<a href="${loc.path}/alerts">warnings</a> (<a href="${loc.path}/alerts.atom">Atom</a>) ·
<a href="${loc.links.txt}${unitsQueryFor(cc, 'txt', u.system)}">text</a> ·
<a href="${loc.links.html}${unitsQueryFor(cc, 'html', other)}">${other} units</a></p>
<p class="muted">On your own site: <a href="${embeds.meteogram}${query}">the chart as an image</a> (for <code>&lt;img&gt;</code>) ·
<a href="${embeds.widget}${query}">a widget</a> (for <code>&lt;iframe&gt;</code>).</p>`;
  return page({
    title: `${loc.name}, ${loc.country}`,
    body,
    credits: [...withSources(credits, doc), symbolCredit()],
    refreshSeconds: doc.fetching ? FETCHING_RELOAD_S : undefined,
  });
}
