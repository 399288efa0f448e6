import { html } from 'hono/html';
import type { PlaceDocument } from '../../documents/place-document.ts';
import { localDayTime } from '../place/local-time.ts';

type Alert = PlaceDocument['alerts'][number];

/** `from Sun 09:00 until Mon 06:00 (local time)`: when a warning holds, in the place's zone. */
export function alertWhen(a: Alert, timeZone: string): string {
  const at = (iso: string) => localDayTime(new Date(iso), timeZone);
  const parts = [
    a.onset && !a.in_force ? `from ${at(a.onset)}` : '',
    a.expires ? `until ${at(a.expires)}` : '',
  ].filter((p) => p !== '');
  return parts.length > 0 ? `${parts.join(' ')} (local time)` : '';
}

/** The text view's warnings: a short block, one warning to a paragraph. */
export function alertLines(doc: PlaceDocument): string[] {
  return doc.alerts.flatMap((a) => {
    const when = alertWhen(a, doc.location.timezone);
    return [
      `WARNING: ${a.event} (${a.severity})${when ? `, ${when}` : ''}, issued by ${a.issuer}`,
      ...(a.headline ? [`  ${a.headline}`] : []),
      ...(a.web ? [`  ${a.web}`] : []),
      '',
    ];
  });
}

/**
 * The page's warning banner: each warning's event, severity and time in a heading, the issuer's
 * headline, description and instruction in its words, its link, and its name.
 */
export function alertsSection(doc: PlaceDocument) {
  if (doc.alerts.length === 0) return '';
  const items = doc.alerts.map((a) => {
    const when = alertWhen(a, doc.location.timezone);
    return html`<article>
<h2>${a.event} <span class="severity">(${a.severity})</span></h2>
${when ? html`<p class="when">${a.in_force ? 'In force ' : ''}${when}</p>` : ''}
${a.headline ? html`<p><strong>${a.headline}</strong></p>` : ''}
${a.description ? html`<p>${a.description}</p>` : ''}
${a.instruction ? html`<p>${a.instruction}</p>` : ''}
<p class="issuer">Issued by ${a.web ? html`<a href="${a.web}" rel="noopener">${a.issuer}</a>` : a.issuer}</p>
</article>`;
  });
  return html`<section class="alerts" role="alert" aria-label="Weather warnings">${items}</section>`;
}

/** The banner's colours: red on pale red in light mode, pale red on dark red in dark mode. */
export const ALERTS_STYLE = `
.alerts{background:#fde8e8;border:2px solid #b42318;border-radius:.4rem;padding:.4rem .8rem;margin:.8rem 0}
.alerts h2{margin:.3rem 0;font-size:1.1rem;color:#8a1c12}.alerts p{margin:.2rem 0}
.alerts article+article{border-top:1px solid #e6a29b;margin-top:.4rem;padding-top:.2rem}`;
export const DARK_ALERTS_STYLE = `.alerts{background:#3d1512;border-color:#f97066}.alerts h2{color:#ffb4ab}.alerts article+article{border-top-color:#7a2e27}`;
