import type {
  Anomaly,
  Climatology,
  DailyStats,
  Location,
  LocationDocument,
  PlaceState,
  Records,
  SearchResults,
} from '../api-documents.ts';
import {
  lookupPath,
  placePagePath,
  readTypedPlace,
  searchPath,
  statsPaths,
} from '../dashboard-uris.ts';
import { localDate, type Period, readPeriod } from '../period.ts';
import { choosePlace } from '../place-choice.ts';
import {
  anomalyText,
  climatologyTable,
  dailyTable,
  placeHeading,
  recordsTable,
} from '../render/place-tables.ts';
import { type Chart, climatologyChart, dailyChart, drop } from './charts.ts';
import { byId, createBrowserApi, field, fill, readAsked, reason, say } from './page-io.ts';
import { suggestPlaces } from './suggest-places.ts';

/** What a history entry of the place page holds. */
interface Shown {
  ref: string;
  period: Period;
}

/** The place page: redraws the period or the whole place in place, each state a URL. */
export function placeView(state: PlaceState) {
  const api = createBrowserApi(state.apiBase);
  const drawn: { daily: Chart | null; climatology: Chart | null } = {
    daily: dailyChart(byId('daily-chart', HTMLElement), state.daily),
    climatology: climatologyChart(byId('climatology-chart', HTMLElement), state.climatology),
  };
  const form = byId('period-form', HTMLFormElement);
  const placeForm = byId('place-form', HTMLFormElement);
  const remember = (how: 'pushState' | null) => {
    const shown: Shown = { ref: state.ref, period: state.period };
    if (how) history[how](shown, '', placePagePath(state.ref, state.period));
  };

  async function showDaily(doc: DailyStats) {
    state.daily = doc;
    state.period = { from: doc.from, to: doc.to };
    drop(drawn.daily);
    drawn.daily = dailyChart(byId('daily-chart', HTMLElement), doc);
    await fill('daily-table-box', dailyTable(doc, state.climatology));
    field(form, 'from').value = doc.from;
    field(form, 'to').value = doc.to;
    byId('api-link', HTMLAnchorElement).href =
      `${state.apiBase}${statsPaths(state.ref).daily(state.period)}`;
  }

  async function showPlace(location: Location, c: Climatology, r: Records, a: Anomaly) {
    state.ref = `${location.country_code}/${location.slug}`;
    state.location = location;
    state.climatology = c;
    await fill('place-name', placeHeading(location));
    document.title = `${location.name} statistics · isobar dashboard`;
    form.action = placePagePath(state.ref, null);
    field(placeForm, 'place').value = state.ref;
    drop(drawn.climatology);
    drawn.climatology = climatologyChart(byId('climatology-chart', HTMLElement), c);
    await fill('climatology-table-box', climatologyTable(c));
    await fill('records-table-box', recordsTable(r));
    await fill('anomaly', anomalyText(a));
  }

  async function showPeriod(from: string, to: string, how: 'pushState' | null) {
    const period = readAsked('This period', () => readPeriod(from, to));
    if (!period) return;
    say('Loading…');
    try {
      await showDaily(await api<DailyStats>(statsPaths(state.ref).daily(period)));
      remember(how);
      say(`Showing ${period.from} to ${period.to}.`);
    } catch (err) {
      say(`The period could not be shown: ${reason(err)}`, true);
    }
  }

  /** The place a typed text means; null when several may be meant (the server's page asks). */
  async function find(text: string): Promise<Location | null> {
    const typed = readTypedPlace(text);
    if (typed) return (await api<LocationDocument>(lookupPath(typed))).location;
    const found = await api<SearchResults>(searchPath(text.trim()));
    const choice = choosePlace(text, found.results);
    if (choice.kind === 'none') throw new Error(`no place is called "${text.trim()}"`);
    if (choice.kind === 'one') return choice.location;
    say(`Several places are called “${text.trim()}”: opening the choice…`);
    placeForm.submit(); // the form's own GET: /dashboard?place=… offers each of them
    return null;
  }

  async function showRef(text: string, period: Period, how: 'pushState' | null) {
    say('Loading…');
    try {
      const location = await find(text);
      if (!location) return;
      const paths = statsPaths(`${location.country_code}/${location.slug}`);
      const [daily, climatology, records, anomaly] = await Promise.all([
        api<DailyStats>(paths.daily(period)),
        api<Climatology>(paths.climatology),
        api<Records>(paths.records),
        api<Anomaly>(paths.anomaly(localDate(Date.now(), location.timezone))),
      ]);
      await showPlace(location, climatology, records, anomaly);
      await showDaily(daily);
      remember(how);
      say(`Showing ${location.name}.`);
    } catch (err) {
      say(`That place could not be shown: ${reason(err)}`, true);
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void showPeriod(field(form, 'from').value, field(form, 'to').value, 'pushState');
  });
  placeForm.addEventListener('submit', (event) => {
    event.preventDefault();
    void showRef(field(placeForm, 'place').value, state.period, 'pushState');
  });
  suggestPlaces(api, field(placeForm, 'place'), byId('place-options', HTMLDataListElement));
  history.replaceState({ ref: state.ref, period: state.period } satisfies Shown, '', location.href);
  window.addEventListener('popstate', (event) => {
    const shown: Shown | null = event.state;
    if (!shown) return;
    if (shown.ref !== state.ref) void showRef(shown.ref, shown.period, null);
    else void showPeriod(shown.period.from, shown.period.to, null);
  });
}
