/** What a write changed: the places and the local days whose pages are no longer what they were. */
export interface Changes {
  /** `GB/London`, each place once. */
  places: string[];
  /** `GB/London` and `2026-06-01`: the day pages that changed. */
  days: { place: string; date: string }[];
}

/** Rows a write stored: new ones, and ones that replaced a different version. */
export interface WriteCounts {
  inserted: number;
  replaced: number;
}

/** A cache downstream that is told what changed: the edge worker, a CDN, a Varnish. */
export interface Purger {
  /** Resolves once purged; rejects when it could not purge (the change is tried again later). */
  purge(changes: Changes): Promise<void>;
}

export const NO_CHANGES: Changes = Object.freeze({ places: [], days: [] }) as Changes;

/** Several changes as one: each place and each day once, in the order first seen. */
export function mergeChanges(all: Iterable<Changes>): Changes {
  const places = new Set<string>();
  const days = new Map<string, { place: string; date: string }>();
  for (const changes of all) {
    for (const place of changes.places) places.add(place);
    for (const day of changes.days) days.set(`${day.place}/${day.date}`, day);
  }
  return { places: [...places], days: [...days.values()] };
}
