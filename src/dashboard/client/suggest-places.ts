import { html } from 'hono/html';
import type { SearchResults } from '../api-documents.ts';
import { searchPath } from '../dashboard-uris.ts';
import type { createBrowserApi } from './page-io.ts';

/** How long typing must pause before the search API is asked. */
const PAUSE_MS = 200;

/** Offers catalog places as the visitor types, from the search API. */
export function suggestPlaces(
  api: ReturnType<typeof createBrowserApi>,
  input: HTMLInputElement,
  list: HTMLDataListElement,
) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    const q = input.value.trim();
    if (q.length < 2 || q.includes('/')) return;
    timer = setTimeout(async () => {
      try {
        const found = await api<SearchResults>(searchPath(q));
        const options = html`${found.results.map(
          (l) => html`<option value="${l.country_code}/${l.slug}">${l.name}, ${l.country}</option>`,
        )}`;
        list.innerHTML = (await options).toString();
      } catch {
        // Suggestions are a convenience: typing CC/Name still works.
      }
    }, PAUSE_MS);
  });
}
