import type { CompareState, DailyStats, Located, LocationDocument } from '../api-documents.ts';
import {
  comparePagePath,
  distinctPlaces,
  lookupPath,
  readPlaces,
  sharedUnits,
  statsPaths,
} from '../dashboard-uris.ts';
import { type Period, readPeriod } from '../period.ts';
import { compareSummary, compareTable } from '../render/compare-tables.ts';
import { compareChart, drop } from './charts.ts';
import { byId, createBrowserApi, field, fill, readAsked, reason, say } from './page-io.ts';

/** What a history entry of the comparison holds. */
interface Shown {
  refs: string;
  period: Period;
}

/** The comparison page: redraws other places or another period in place, each state a URL. */
export function compareView(state: CompareState) {
  const api = createBrowserApi(state.apiBase);
  const box = byId('compare-chart', HTMLElement);
  let chart = compareChart(box, state.places, state.series);
  const form = byId('period-form', HTMLFormElement);

  async function show(refsText: string, from: string, to: string, how: 'pushState' | null) {
    const asked = readAsked('This comparison', () => ({
      wanted: readPlaces(refsText),
      period: readPeriod(from, to)!, // null only when neither date is given; the form has both
    }));
    if (!asked) return;
    const { wanted, period } = asked;
    say('Loading…');
    try {
      const found = await Promise.all(wanted.map((w) => api<LocationDocument>(lookupPath(w))));
      const places = distinctPlaces<Located>(
        found.map(({ location: l }) => ({ ref: `${l.country_code}/${l.slug}`, location: l })),
      );
      const refs = places.map((p) => p.ref);
      const units = sharedUnits(refs);
      const series = await Promise.all(
        refs.map((r) => api<DailyStats>(statsPaths(r, units).daily(period))),
      );
      state.places = places;
      state.series = series;
      state.period = period;
      drop(chart);
      chart = compareChart(box, places, series);
      await fill('summary-table-box', compareSummary(state));
      await fill('compare-table-box', compareTable(state));
      const names = places.map((p) => p.location.name).join(', ');
      byId('compare-title', HTMLElement).textContent = `Compare: ${names}`;
      document.title = `Compare ${names} · isobar dashboard`;
      field(form, 'places').value = refs.join(',');
      const shown: Shown = { refs: refs.join(','), period };
      if (how) history[how](shown, '', comparePagePath(refs, period));
      say(`Showing ${names}, ${period.from} to ${period.to}.`);
    } catch (err) {
      say(`The comparison could not be shown: ${reason(err)}`, true);
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = (name: string) => field(form, name).value;
    void show(value('places'), value('from'), value('to'), 'pushState');
  });
  const refs = state.places.map((p) => p.ref).join(',');
  history.replaceState({ refs, period: state.period } satisfies Shown, '', location.href);
  window.addEventListener('popstate', (event) => {
    const shown: Shown | null = event.state;
    if (shown) void show(shown.refs, shown.period.from, shown.period.to, null);
  });
}
