import { HOUR_MS } from '../../contract/durations.ts';
import type { Place } from '../../domain/place.ts';
import { defaultUnits, displayMeasures, UNIT_LABELS } from '../../domain/weather/units.ts';
import type { Condition } from '../../domain/weather/weather.ts';
import { largestPlacePerCountry } from '../../store/catalog/locations.ts';
import { findPlaceWeatherByIds } from '../../store/weather/place-weather.ts';
import type { RouteDeps } from '../context.ts';

/** Parts of the world by the first part of a place's time zone: good enough to browse by. */
const REGIONS: readonly [string, readonly string[]][] = [
  ['Europe', ['Europe']],
  ['Americas', ['America']],
  ['Asia', ['Asia']],
  ['Africa', ['Africa']],
  ['Oceania', ['Australia', 'Pacific']],
];

/** How many places each part of the world shows: the same for all, so none crowds the others. */
export const PER_REGION = 6;

/** Places grouped by part of the world, in their order inside each, empty groups left out. */
export function byRegion<P extends Pick<Place, 'timezone'>>(places: readonly P[]): [string, P[]][] {
  const groups = new Map<string, P[]>();
  for (const p of places) {
    const area = p.timezone.split('/')[0] ?? '';
    const region = REGIONS.find(([, areas]) => areas.includes(area))?.[0] ?? 'Elsewhere';
    groups.set(region, [...(groups.get(region) ?? []), p]);
  }
  const order = [...REGIONS.map(([name]) => name), 'Elsewhere'];
  return order.flatMap((name) => (groups.has(name) ? [[name, groups.get(name)!]] : []));
}

/** A place on the landing page, with what its weather shows now (null: none held). */
export interface LandingPlace {
  place: Place;
  weather: { temperature: string | null; condition: Condition; at: Date } | null;
}

/** The landing page's places by part of the world, and when the first of their weather expires. */
export interface LandingPlaces {
  regions: [string, LandingPlace[]][];
  nextUpdate: Date | null;
}

/**
 * The landing page's places: the biggest place of each country, the first PER_REGION of each part
 * of the world (so Europe is not just Istanbul and Moscow beside a dozen Asian cities), each with
 * its weather now. The choice changes only with the catalog, so it is made once an hour (about
 * 250 index probes); the weather is read on every call.
 */
export function createLandingPlaces(deps: RouteDeps): () => Promise<LandingPlaces> {
  let chosen: { at: number; places: Promise<Place[]> } | undefined;
  const choice = () => {
    if (!chosen || deps.now() - chosen.at >= HOUR_MS) {
      const places = largestPlacePerCountry(deps.db);
      chosen = { at: deps.now(), places };
      // A failed read is not kept: the next visitor asks again.
      places.catch(() => {
        if (chosen?.places === places) chosen = undefined;
      });
    }
    return chosen.places;
  };
  return async () => withWeather(deps, await choice());
}

async function withWeather(deps: RouteDeps, largest: Place[]): Promise<LandingPlaces> {
  const grouped = byRegion(largest)
    .filter(([region]) => region !== 'Elsewhere')
    .map(([region, places]) => [region, places.slice(0, PER_REGION)] as const);
  const shown = grouped.flatMap(([, places]) => places);
  // Shown here is looked at: providers keep these places' weather up to date, as for a page view.
  for (const p of shown) deps.onPlaceView?.(p.countryCode, p.slug.toLowerCase());
  const now = new Date(deps.now());
  const weathers = await findPlaceWeatherByIds(
    deps.db,
    shown.map((p) => p.id),
    now,
  );
  const byId = new Map(weathers.map((w) => [w.place.id, w]));
  let nextUpdate: Date | null = null;
  const regions = grouped.map(([region, places]): [string, LandingPlace[]] => [
    region,
    places.map((place) => {
      const held = byId.get(place.id);
      const measures = held?.current ?? held?.forecast[0];
      if (!measures) return { place, weather: null };
      if (!nextUpdate || measures.nextUpdateAt < nextUpdate) nextUpdate = measures.nextUpdateAt;
      const units = defaultUnits(place.countryCode, 'html');
      const t = displayMeasures(measures, units).temperature;
      return {
        place,
        weather: {
          temperature: t === null ? null : `${Math.round(t)}${UNIT_LABELS[units].temperature}`,
          condition: measures.condition,
          at: 'observedAt' in measures ? measures.observedAt : measures.validAt,
        },
      };
    }),
  ]);
  return { regions, nextUpdate };
}
