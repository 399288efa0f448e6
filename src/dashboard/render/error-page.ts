import { html } from 'hono/html';
import type { Assets } from '../assets.ts';
import { frame } from './frame.ts';

/** A dashboard error for people: what went wrong and where to go instead. */
export function errorPage(status: number, title: string, detail: string, assets: Assets) {
  const body = html`<h1>${title}</h1>
<p class="notice" id="problem" role="alert">${detail}</p>
<form class="search" action="/search" method="get" role="search" aria-label="Find a place">
<label for="error-q">Find a place</label>
<input id="error-q" type="search" name="q" maxlength="100" required>
<button type="submit">Search</button></form>
<p>Or try <a href="/dashboard/GB/London">London's statistics</a> or <a href="/dashboard/operations">the operations page</a>.</p>
<p class="muted">HTTP ${status}</p>`;
  return frame({ title, body, assets, section: 'error' });
}
