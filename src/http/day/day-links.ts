import { html } from 'hono/html';
import type { NearestDays } from '../../store/weather/place-day.ts';
import { longDate } from './day-text.ts';

/**
 * ← and → to the nearest days that have data, each only where there is one, so a day page never
 * links to a day that answers 404. `placePath` is the place's page (`/GB/London`), `query` the
 * units query the links keep.
 */
export function nearestDayLinks(placePath: string, nearest: NearestDays, query: string) {
  const { previous, next } = nearest;
  if (!previous && !next) return '';
  const link = (date: string) => `${placePath}/${date}${query}`;
  return html`<p class="day-links">${
    previous ? html`<a href="${link(previous)}" rel="prev">← ${longDate(previous)}</a>` : ''
  }${previous && next ? ' · ' : ''}${
    next ? html`<a href="${link(next)}" rel="next">${longDate(next)} →</a>` : ''
  }</p>`;
}
