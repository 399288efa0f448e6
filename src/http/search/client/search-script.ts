import { coordinatesPath } from '../../../contract/uris/coordinates-uri.ts';
import { searchKey } from '../../../contract/uris/slug.ts';
import { ROUTES } from '../../../contract/uris/uri-space.ts';

// What the site's pages do with JavaScript, and only that: everything here enhances a page that
// works without it (the search box is a plain GET form to /search; "use my location" is hidden).

/** How long typing must pause before the search API is asked, and how much must be typed. */
const PAUSE_MS = 200;
const MIN_LETTERS = 2;

/** The members of a `/v1/locations` result that a suggestion shows. */
interface Found {
  name: string;
  country: string;
  region: string | null;
  path: string;
  matched_name: string | null;
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className = '', text = '') {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text) e.textContent = text;
  return e;
}

/** One suggestion: a link to the place, where it is, and the other name that matched. */
function suggestion(found: Found): HTMLLIElement {
  const link = element('a');
  link.href = found.path;
  const where = found.region ? `${found.region}, ${found.country}` : found.country;
  link.append(element('span', 'name', found.name), element('span', 'muted', where));
  if (found.matched_name)
    link.append(element('span', 'also', `also called “${found.matched_name}”`));
  const item = element('li');
  item.append(link);
  return item;
}

/** Offers places under a search box as its text is typed: links, reached by ↓ and Tab. */
function suggestUnder(input: HTMLInputElement, index: number) {
  const form = input.form;
  if (!form) return;
  form.classList.add('suggest');
  const list = element('ul', 'suggestions');
  list.id = `suggestions-${index}`;
  list.hidden = true;
  list.setAttribute('aria-label', 'Suggested places');
  const status = element('span', 'visually-hidden');
  status.setAttribute('role', 'status');
  form.append(list, status);
  input.setAttribute('aria-controls', list.id);
  input.setAttribute('aria-autocomplete', 'list');

  let timer: ReturnType<typeof setTimeout> | undefined;
  let wanted = '';
  const hide = () => {
    list.hidden = true;
  };
  const links = () => [...list.querySelectorAll('a')];

  async function ask(key: string) {
    wanted = key;
    try {
      const res = await fetch(`${ROUTES.search}?${new URLSearchParams({ q: key })}`);
      if (!res.ok) return;
      const { results } = (await res.json()) as { results: Found[] };
      // A slower answer to an earlier text must not replace a newer one.
      if (key !== wanted) return;
      list.replaceChildren(...results.map(suggestion));
      list.hidden = results.length === 0;
      status.textContent =
        results.length === 0
          ? 'No place starts so'
          : `${results.length} places suggested, press the down arrow to choose`;
    } catch {
      // Suggestions are a convenience: the form still searches.
    }
  }

  input.addEventListener('input', () => {
    clearTimeout(timer);
    const key = searchKey(input.value);
    if (key.length < MIN_LETTERS) {
      wanted = '';
      hide();
      return;
    }
    timer = setTimeout(() => void ask(key), PAUSE_MS);
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' && !list.hidden) {
      e.preventDefault();
      links()[0]?.focus();
    } else if (e.key === 'Escape') hide();
  });
  list.addEventListener('keydown', (e) => {
    const all = links();
    const at = all.indexOf(document.activeElement as HTMLAnchorElement);
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const next = at + (e.key === 'ArrowDown' ? 1 : -1);
      (next < 0 ? input : all[Math.min(next, all.length - 1)])?.focus();
    } else if (e.key === 'Escape') {
      hide();
      input.focus();
    }
  });
  form.addEventListener('focusout', (e) => {
    if (!form.contains(e.relatedTarget as Node | null)) hide();
  });
  input.addEventListener('focus', () => {
    if (list.childElementCount > 0 && searchKey(input.value) === wanted) list.hidden = false;
  });
}

/** "Use my location": shown only where the browser can tell, then off to `/@lat,lon`. */
function locateWith(button: HTMLButtonElement) {
  if (!('geolocation' in navigator)) return;
  const status = document.querySelector<HTMLElement>('[data-locate-status]');
  const say = (text: string) => {
    if (status) status.textContent = text;
  };
  button.hidden = false;
  button.addEventListener('click', () => {
    say('Finding where you are…');
    navigator.geolocation.getCurrentPosition(
      ({ coords }) => {
        // The coordinates' own URI: it rounds to about a kilometre and leads to the nearest place.
        window.location.assign(
          coordinatesPath({ latitude: coords.latitude, longitude: coords.longitude }),
        );
      },
      () => say('Your browser did not say where you are: find your place by its name.'),
      { timeout: 15_000, maximumAge: 10 * 60_000 },
    );
  });
}

for (const [i, input] of document
  .querySelectorAll<HTMLInputElement>('input[data-suggest]')
  .entries())
  suggestUnder(input, i);
for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-locate]'))
  locateWith(button);
