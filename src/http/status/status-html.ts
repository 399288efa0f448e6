import { html } from 'hono/html';
import type { ProviderStatusJson, StatusJson } from '../../documents/status-document.ts';
import { page } from '../pages/layout.ts';

const STATE_WORDS: Record<ProviderStatusJson['state'], string> = {
  ok: 'OK',
  failing: '⚠ Failing',
  idle: 'Not asked yet',
};

const when = (iso: string | null) => (iso ? iso.replace('T', ' ').slice(0, 16) : '–');

const duration = (seconds: number) =>
  seconds < 60
    ? `${seconds} s`
    : seconds < 3600
      ? `${Math.round(seconds / 60)} min`
      : `${Math.round(seconds / 360) / 10} h`;

/** The status for people (`/status`): the same facts as `/v1/status`, in words and a table. */
export function statusHtml(s: StatusJson, credits: readonly string[]) {
  const failing = s.providers.filter((p) => p.state === 'failing');
  const body = html`<h1>Status</h1>
<p>${
    s.providers.length === 0
      ? 'No weather provider is configured: weather comes from writes and imports only.'
      : failing.length === 0
        ? s.providers.every((p) => p.state === 'idle')
          ? 'No weather provider has been asked yet: places are fetched as they are viewed.'
          : 'Every weather provider asked answers.'
        : html`<strong>${failing.map((p) => p.name).join(', ')} ${failing.length === 1 ? 'is' : 'are'} failing</strong>: places keep the weather last fetched, and say when it is behind.`
  }</p>
${
  s.providers.length === 0
    ? ''
    : html`<div class="scroll" tabindex="0" role="region" aria-label="Providers"><table>
<thead><tr><th scope="col">Provider</th><th scope="col">State</th><th scope="col">Last success (UTC)</th><th scope="col">Last failure (UTC)</th><th scope="col">Lag</th><th scope="col">Places behind</th><th scope="col">Budget left today</th></tr></thead>
<tbody>${s.providers.map(
        (p) =>
          html`<tr><th scope="row">${p.name}</th><td>${STATE_WORDS[p.state]}${p.last_error ? html`<br><span class="muted">${p.last_error}</span>` : ''}</td><td>${when(p.last_success_at)}</td><td>${when(p.last_failure_at)}</td><td>${duration(p.lag_seconds)}</td><td>${p.places_behind}</td><td>${p.budget.left} of ${p.budget.daily}</td></tr>`,
      )}</tbody></table></div>`
}
<p>Changes: follow <a href="${s.changes.latest}">the change feed</a> for what changes next.
Cache: ${s.origin.cache_hit_ratio === null ? 'nothing asked yet' : `${Math.round(s.origin.cache_hit_ratio * 100)}% of answers from this origin's cache`}.</p>
<p class="muted">Version ${s.version} · as of ${when(s.at)} UTC · <a href="/v1/status">as JSON</a></p>`;
  return page({ title: 'Status', body, credits });
}
