import { html } from 'hono/html';
import type { Location } from '../api-documents.ts';
import type { Assets } from '../assets.ts';
import { placeWords } from '../place-choice.ts';
import { frame } from './frame.ts';

/** A name that several places answer to: each one's page, most populous first. */
export function choicePage(typed: string, locations: readonly Location[], assets: Assets) {
  const body = html`<h1>Which ${typed}?</h1>
<p>Several places answer to “${typed}”, the most populous first. Pick one, or write it with its
country code (<code>${locations[0]?.country_code ?? 'GB'}/${locations[0]?.slug ?? 'London'}</code>).</p>
<ul class="choices" id="choices">${locations.map(
    (l) =>
      html`<li><a href="/dashboard/${l.country_code}/${l.slug}">${placeWords(l)}</a> <span class="muted">${l.country_code}/${l.slug}</span></li>`,
  )}</ul>
<p class="muted">Not among them? <a href="/search?q=${encodeURIComponent(typed)}">Search the catalog</a>.</p>`;
  return frame({ title: `Which ${typed}?`, body, assets, section: 'index' });
}
