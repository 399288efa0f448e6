// The many-data-centre offload model: a simulated day of every place's visitors through a cache per
// data centre, with or without a shared upper tier, in front of the origin. Keys never share a
// cache's state across groups of places (a group: the places of one rounded position), so the day
// is run one group after another, each group's requests in time order; the origin's counts add up.
import { DAY_MS, HOUR_MS } from '../../../src/contract/durations.ts';
import { createZipf } from '../zipf.ts';
import type { Catalogue } from './catalogue.ts';
import { createGroupKeys } from './group-keys.ts';
import type { SetupFigures } from './report.ts';
import type { Sites } from './sites.ts';
import { type Cause, createTiers, type EdgeStatus } from './tiers.ts';
import { type UpdateOptions, type Updates, updatesOf } from './updates.ts';
import { createVisits, streamOf } from './visits.ts';
import { createArrivals, REPRESENTATIONS, type Workload } from './workload.ts';

export interface ModelOptions {
  setup: string;
  visitors: number;
  zipfS: number;
  seed: number;
  sites: Sites;
  /** A visit that is not a first visit is at the place's nearest site with this chance. */
  local: number;
  upperTier: boolean;
  /** The data centres serve stale-while-revalidate (the worker does; Cloudflare's CDN not). */
  staleAtDataCentres: boolean;
  purges: boolean;
  workload: Workload;
  updates: UpdateOptions;
}

export interface ModelFigures extends SetupFigures {
  edgeRequests: number;
  lookupsBy: Record<EdgeStatus, number>;
  originBy: Record<Cause, number>;
  /** Origin requests per representation; the last entry is the nearest-place answer. */
  originByRepresentation: number[];
  notModified: number;
  renders: number;
  /** Weather origin requests for each place (the nearest-place answers apart). */
  originOf: Float64Array;
  /** Each place's part of the bound: its updates in the day when viewed, else 0. */
  boundOf: Float64Array;
  /** The updates of each place-representation key requested in the day, summed. */
  keyBound: number;
  /** Answers from a copy older than the origin's data, and how long after the update, summed. */
  outdated: number;
  outdatedSeconds: number;
  /** Updates landing in each second of the day, each a purge of its place. */
  updatesBySecond: Float64Array;
  wallSeconds: number;
}

/** The warm-up hour before midnight, not counted: caches are never cold at midnight. */
const FROM = -HOUR_MS;
const UNTIL = DAY_MS;

/** The places of each rounded position, groups in order of their most popular place. */
export function groupsOf(c: Catalogue): number[][] {
  const byCell = new Map<string, number[]>();
  c.cellOf.forEach((cell, place) => {
    const group = byCell.get(cell);
    if (group) group.push(place);
    else byCell.set(cell, [place]);
  });
  return [...byCell.values()];
}

const updateRuns = new Map<string, Updates[]>();

/**
 * Every place's updates, from half a day before, at a minute of the hour of the place's own: by
 * the warm-up, lateness has spread them as it would. Kept for the next set-up of the same run.
 */
function everyUpdate(c: Catalogue, o: ModelOptions): Updates[] {
  const run = `${o.seed} ${o.updates.late} ${o.updates.failures}`;
  let all = updateRuns.get(run);
  if (!all) {
    all = c.places.map((p, place) => {
      const offset = (Math.imul(p.geonamesId, 0x9e3779b1) >>> 0) % HOUR_MS;
      return updatesOf(offset, FROM - 12 * HOUR_MS, UNTIL, streamOf(o.seed, place, 2), o.updates);
    });
    updateRuns.set(run, all);
  }
  return all;
}

export function runModel(c: Catalogue, groups: number[][], o: ModelOptions): ModelFigures {
  const started = performance.now();
  const zipf = createZipf(c.places.length, o.zipfS);
  const maxPlaces = groups.reduce((most, g) => Math.max(most, g.length), 0);
  const keys = createGroupKeys(maxPlaces, o.workload.codingsSplit);
  const f: ModelFigures = {
    setup: o.setup,
    lookups: 0,
    fromCopy: 0,
    originRequests: 0,
    originBySecond: new Float64Array(UNTIL / 1000),
    placesViewed: 0,
    bound: 0,
    edgeRequests: 0,
    lookupsBy: { hit: 0, stale: 0, miss: 0, revalidated: 0 },
    originBy: { cold: 0, purged: 0, expired: 0, overdue: 0 },
    originByRepresentation: new Array(REPRESENTATIONS.length + 1).fill(0),
    notModified: 0,
    renders: 0,
    originOf: new Float64Array(c.places.length),
    boundOf: new Float64Array(c.places.length),
    keyBound: 0,
    outdated: 0,
    outdatedSeconds: 0,
    updatesBySecond: new Float64Array(UNTIL / 1000),
    wallSeconds: 0,
  };
  let group: number[] = [];
  const tiers = createTiers({
    dataCentres: o.sites.places.length,
    keys: keys.size,
    upperTier: o.upperTier,
    staleAtDataCentres: o.staleAtDataCentres,
    purges: o.purges,
    origin: keys,
    onOrigin(key, t, cause, notModified, rendered) {
      if (t < 0) return;
      if (rendered) f.renders++;
      f.originRequests++;
      f.originBySecond[Math.floor(t / 1000)]!++;
      f.originBy[cause]++;
      const representation = keys.representationOf(key);
      if (representation < 0) f.originByRepresentation[REPRESENTATIONS.length]!++;
      else {
        f.originByRepresentation[representation]!++;
        f.originOf[group[keys.placeOf(key)]!]!++;
      }
      if (notModified) f.notModified++;
    },
    onOutdated(key, t) {
      if (t < 0) return;
      f.outdated++;
      f.outdatedSeconds += (t - keys.landedAt(key, t)) / 1000;
    },
  });
  const visits = createVisits(
    {
      ...o,
      arrivals: createArrivals(FROM, UNTIL),
      shareOf: (place) => zipf.share(place),
      landingOf: (place) => c.nearestOfCell.get(c.cellOf[place]!)!,
    },
    keys,
  );
  const viewed = new Uint8Array(keys.size);

  const updatesOfPlace = everyUpdate(c, o);
  for (const places of groups) {
    group = places;
    const updates = places.map((place) => updatesOfPlace[place]!);
    keys.load(updates);
    tiers.reset();
    viewed.fill(0);
    const r = visits.of(places);
    for (let i = 0; i < r.count; i++) {
      const j = r.order[i]!;
      const t = r.t[j]!;
      const status = tiers.request(r.dc[j]!, r.key[j]!, t);
      if (t < 0) continue;
      f.lookupsBy[status]++;
      viewed[r.key[j]!] = 1;
    }
    f.edgeRequests += r.redirects;
    const inDay = updates.map((u) => u.landed.filter((t) => t >= 0 && t < UNTIL));
    for (const t of inDay.flat()) f.updatesBySecond[Math.floor(t / 1000)]!++;
    for (let key = 1; key < 1 + places.length * keys.perPlace; key++) {
      if (!viewed[key]) continue;
      const local = keys.placeOf(key);
      f.boundOf[places[local]!] = inDay[local]!.length;
      if (REPRESENTATIONS[keys.representationOf(key)]!.lifetime === 'weather')
        f.keyBound += inDay[local]!.length;
    }
  }
  for (const bound of f.boundOf) {
    if (bound === 0) continue;
    f.placesViewed++;
    f.bound += bound;
  }
  f.lookups = Object.values(f.lookupsBy).reduce((a, b) => a + b, 0);
  f.fromCopy = f.lookupsBy.hit + f.lookupsBy.stale;
  f.edgeRequests += f.lookups;
  f.wallSeconds = (performance.now() - started) / 1000;
  return f;
}
