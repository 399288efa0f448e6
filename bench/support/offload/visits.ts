// The requests one group of places receives in the simulated day, in time order. Each place's
// visits are a Poisson process following the diurnal curve, its Zipf share of the day's visitors;
// each visit is drawn from the place's own seeded stream, with the same number of draws whatever
// the set-up, so that every set-up of a run sees the very same visitors.
import { seededRandom } from '../zipf.ts';
import type { GroupKeys } from './group-keys.ts';
import { NEAREST } from './group-keys.ts';
import type { Sites } from './sites.ts';
import {
  type createArrivals,
  DAY,
  drawn,
  kindOf,
  PAGE,
  PAGE_UNITS,
  PAST_DAY,
  type Workload,
} from './workload.ts';

export interface VisitOptions {
  visitors: number;
  seed: number;
  /** A visit that is not a first visit is at the place's nearest site with this chance. */
  local: number;
  workload: Workload;
  sites: Sites;
  arrivals: ReturnType<typeof createArrivals>;
  /** Each place's share of the visits. */
  shareOf(place: number): number;
  /** The place a first visit from a place lands on (the nearest answer of its position). */
  landingOf(place: number): number;
}

/** A group's requests: `t` (ms), data centre and key, and their order in time. */
export interface Requests {
  count: number;
  t: Float64Array;
  dc: Uint16Array;
  key: Int32Array;
  order: Int32Array;
  /** `/` with the cookie in the counted day, answered at the edge from the cookie alone. */
  redirects: number;
}

/** A stream of its own per place and purpose, from the run's seed. */
export const streamOf = (seed: number, place: number, purpose: number) =>
  seededRandom(Math.imul(seed, 0x9e3779b1) ^ Math.imul(place + 1, 0x85ebca6b) ^ purpose);

export function createVisits(o: VisitOptions, keys: GroupKeys) {
  let r: Requests = grown(1 << 16);
  const w = o.workload;
  const programShares = w.programReads.map(([, share]) => share);

  function push(t: number, dc: number, key: number) {
    if (r.count === r.t.length) r = grown(r.count * 2, r);
    r.t[r.count] = t;
    r.dc[r.count] = dc;
    r.key[r.count] = key;
    r.count++;
  }

  return {
    /** The requests of the places of a group (`places[i]` is local place i). */
    of(places: number[]): Requests {
      r.count = 0;
      r.redirects = 0;
      places.forEach((place, local) => {
        const random = streamOf(o.seed, place, 1);
        const nearest = o.sites.siteOf[place]!;
        const landsOn = places.indexOf(o.landingOf(place));
        if (landsOn < 0) throw new Error(`place ${place} lands outside its group`);
        // A Poisson process: exponential gaps on the curve's cumulative scale, so the count is
        // Poisson with the place's expected visits, in time order.
        const expected = o.arrivals.expected(o.visitors * o.shareOf(place));
        let at = 0;
        for (;;) {
          at -= Math.log(1 - random()) / expected;
          if (at >= 1) break;
          const t = o.arrivals.at(at);
          const v = draws(random);
          const kind = kindOf(w, v.kind);
          const dc = kind === 'first' || v.local < o.local ? nearest : o.sites.pick(v.site);
          if (kind === 'program') {
            const read = w.programReads[drawn(programShares, v.read)]![0];
            push(t, dc, keys.keyOf(local, read, drawn(w.programCodings, v.coding)));
            continue;
          }
          const coding = drawn(w.browserCodings, v.coding);
          let landing = local;
          if (kind === 'first') {
            push(t, dc, NEAREST);
            landing = landsOn;
          }
          if (kind === 'return' && t >= 0) r.redirects++;
          push(t, dc, keys.keyOf(landing, v.units < w.otherUnits ? PAGE_UNITS : PAGE, coding));
          if (v.today < w.today) push(t, dc, keys.keyOf(landing, DAY, coding));
          if (v.past < w.yesterday) push(t, dc, keys.keyOf(landing, PAST_DAY, coding));
        }
      });
      if (r.order.length < r.count) r.order = new Int32Array(r.t.length);
      for (let i = 0; i < r.count; i++) r.order[i] = i;
      if (places.length > 1)
        r.order.subarray(0, r.count).sort((a, b) => r.t[a]! - r.t[b]! || a - b);
      return r;
    },
  };
}

/** A visit's uniforms, each for one choice. */
interface Draws {
  kind: number;
  local: number;
  site: number;
  units: number;
  today: number;
  past: number;
  read: number;
  coding: number;
}
const uniforms: Draws = {
  kind: 0,
  local: 0,
  site: 0,
  units: 0,
  today: 0,
  past: 0,
  read: 0,
  coding: 0,
};
/** Always all of them, used or not, so that the streams stay aligned across set-ups. */
function draws(random: () => number): Draws {
  uniforms.kind = random();
  uniforms.local = random();
  uniforms.site = random();
  uniforms.units = random();
  uniforms.today = random();
  uniforms.past = random();
  uniforms.read = random();
  uniforms.coding = random();
  return uniforms;
}

function grown(size: number, from?: Requests): Requests {
  const next: Requests = {
    count: from?.count ?? 0,
    t: new Float64Array(size),
    dc: new Uint16Array(size),
    key: new Int32Array(size),
    order: from?.order ?? new Int32Array(0),
    redirects: from?.redirects ?? 0,
  };
  if (from) {
    next.t.set(from.t);
    next.dc.set(from.dc);
    next.key.set(from.key);
  }
  return next;
}
