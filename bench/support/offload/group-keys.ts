// The cache keys of one group of places (those sharing a rounded position, so a first visit's
// nearest-place answer and the place it lands on are in one group), and the origin's answers for
// them: their data versions follow the places' updates, their lifetimes the contract's rules.

import {
  catalogFreshness,
  dayFreshness,
  type Freshness,
  weatherFreshness,
} from '../../../src/contract/protocol/freshness.ts';
import type { KeyOrigin, Render } from './tiers.ts';
import { MIDNIGHT, type Updates } from './updates.ts';
import { CODINGS, DAY, DAY_JSON, PAST_DAY, REPRESENTATIONS } from './workload.ts';

/** Key 0 is the group's nearest-place answer (`/v1/nearest?lat=…&lon=…`, the catalogue's). */
export const NEAREST = 0;

export interface GroupKeys extends KeyOrigin {
  /** Keys a group of `maxPlaces` may use. */
  readonly size: number;
  /** Keys per place: place keys of local place i are 1 + i * perPlace onwards. */
  readonly perPlace: number;
  /** Points the keys at a group's places: their updates, local index by local index. */
  load(updates: Updates[]): void;
  keyOf(local: number, representation: number, coding: number): number;
  /** The local place of a place key. */
  placeOf(key: number): number;
  /** The representation of a place key; -1 for NEAREST. */
  representationOf(key: number): number;
  /** When the data a place key shows at `t` landed. */
  landedAt(key: number, t: number): number;
}

const SECOND = 1000;

function rendered(f: Freshness, overdue: boolean): Render {
  return { maxAgeMs: f.maxAge * SECOND, staleMs: f.staleWhileRevalidate * SECOND, overdue };
}
const CATALOGUE = rendered(catalogFreshness, false);
const COMPLETE_DAY = rendered(dayFreshness(1, true, null, new Date(0)), false);

/** Keys for groups of up to `maxPlaces` places, one per coding when `codingsSplit`. */
export function createGroupKeys(maxPlaces: number, codingsSplit: boolean): GroupKeys {
  const codings = codingsSplit ? CODINGS.length : 1;
  const perPlace = REPRESENTATIONS.length * codings;
  let updates: Updates[] = [];
  // The update each place is at: requests come in time order, so it only moves forwards.
  const at = new Int32Array(maxPlaces);

  const placeOf = (key: number) => Math.floor((key - 1) / perPlace);
  const representationOf = (key: number) =>
    key === NEAREST ? -1 : Math.floor(((key - 1) % perPlace) / codings);
  function versionAt(local: number, t: number): number {
    const landed = updates[local]!.landed;
    let v = at[local]!;
    while (v + 1 < landed.length && landed[v + 1]! <= t) v++;
    at[local] = v;
    return v;
  }

  return {
    size: 1 + maxPlaces * perPlace,
    perPlace,
    load(next) {
      updates = next;
      at.fill(0);
    },
    keyOf: (local, representation, coding) =>
      1 + local * perPlace + representation * codings + (codingsSplit ? coding : 0),
    placeOf,
    representationOf,
    landedAt(key, t) {
      const local = placeOf(key);
      return updates[local]!.landed[versionAt(local, t)]!;
    },
    version(key, t) {
      const representation = representationOf(key);
      // The catalogue changes on re-import only; a complete past day never again.
      if (representation === -1 || representation === PAST_DAY) return 0;
      return versionAt(placeOf(key), t);
    },
    render(key, t) {
      const representation = representationOf(key);
      if (representation === -1) return CATALOGUE;
      if (representation === PAST_DAY) return COMPLETE_DAY;
      const local = placeOf(key);
      const promised = updates[local]!.promised[versionAt(local, t)]!;
      const [next, now] = [new Date(MIDNIGHT + promised), new Date(MIDNIGHT + t)];
      const today = representation === DAY || representation === DAY_JSON;
      const f = today ? dayFreshness(0, false, next, now) : weatherFreshness(next, now);
      return rendered(f, t >= promised);
    },
  };
}
