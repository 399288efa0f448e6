// The offload figures every set-up reports, and the tables that print them.
import type { ModelFigures } from './model.ts';

/** One set-up's simulated day: counts are for the whole day's traffic (weighted where sampled). */
export interface SetupFigures {
  setup: string;
  /** Edge cache lookups (pages, documents, nearest-place answers), every data centre together. */
  lookups: number;
  /** Lookups answered from a stored copy, fresh or stale-while-revalidate. */
  fromCopy: number;
  originRequests: number;
  /** Origin requests in each second of the day. */
  originBySecond: Float64Array;
  /** Places with at least one weather answer requested in the day. */
  placesViewed: number;
  /** The design's bound: each viewed place's updates that day, summed (places x updates/day). */
  bound: number;
}

/** The busiest second's requests, the busiest minute's mean per second, and when it began. */
export function peaks(bySecond: Float64Array): { second: number; minute: number; at: string } {
  let second = 0;
  let minute = 0;
  let from = 0;
  let window = 0;
  for (let s = 0; s < bySecond.length; s++) {
    second = Math.max(second, bySecond[s]!);
    window += bySecond[s]! - (s >= 60 ? bySecond[s - 60]! : 0);
    if (s >= 59 && window / 60 > minute) [minute, from] = [window / 60, s - 59];
  }
  const at = new Date(from * 1000).toISOString().slice(11, 16);
  return { second, minute, at };
}

export const count = (x: number) => Math.round(x).toLocaleString('en-US');
export const percent = (x: number) => `${(100 * x).toFixed(1)} %`;

/** Prints rows of cells as a table, the first column left-aligned and the others right. */
export function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    `  ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')}`;
  console.log(line(header));
  for (const row of rows) console.log(line(row));
}

/** The summary table: one row per set-up. */
export function printSetups(setups: SetupFigures[]): void {
  printTable(
    [
      'set-up',
      'edge hit ratio',
      'origin req/day',
      'peak origin req/s (busiest s; busiest min, UTC)',
      'bound',
      'origin / bound',
    ],
    setups.map((s) => {
      const peak = peaks(s.originBySecond);
      return [
        s.setup,
        percent(s.fromCopy / s.lookups),
        count(s.originRequests),
        `${count(peak.second)}; ${peak.minute.toFixed(1)} at ${peak.at}`,
        count(s.bound),
        (s.originRequests / s.bound).toFixed(2),
      ];
    }),
  );
}

/** Ranks that split the places by popularity (Zipf rank = catalogue index). */
const BANDS = [0, 100, 1000, 10_000, 100_000];

/** Where one set-up's origin requests come from: cause, representation, popularity. */
export function printOrigins(m: ModelFigures, representations: readonly { name: string }[]) {
  const all = m.originRequests;
  const share = (x: number) => `${count(x)} (${percent(x / all)})`;
  printTable(
    ['origin requests', 'a day'],
    [
      ["no copy yet (the key's first request since the warm-up)", share(m.originBy.cold)],
      ['after a purge (an update landed)', share(m.originBy.purged)],
      ['lifetime over at the promised update (update late)', share(m.originBy.expired)],
      ['an overdue retry (60 s lifetime) over', share(m.originBy.overdue)],
      ['  of all: answered 304', share(m.notModified)],
      ...representations.map(({ name }, r) => [`${name}`, share(m.originByRepresentation[r]!)]),
      ['nearest-place answer (first visits)', share(m.originByRepresentation.at(-1)!)],
    ],
  );
  console.log('');
  const rows: string[][] = [];
  for (let b = 0; b < BANDS.length; b++) {
    const [from, to] = [BANDS[b]!, BANDS[b + 1] ?? m.originOf.length];
    let [origin, bound, places] = [0, 0, 0];
    for (let p = from; p < Math.min(to, m.originOf.length); p++) {
      origin += m.originOf[p]!;
      bound += m.boundOf[p]!;
      if (m.boundOf[p]! > 0) places++;
    }
    const ranks = `places ${count(from + 1)}–${count(Math.min(to, m.originOf.length))}`;
    rows.push([ranks, count(places), count(origin), count(bound), (origin / bound).toFixed(2)]);
  }
  printTable(['by popularity', 'viewed', 'weather origin req', 'bound', 'ratio'], rows);
  console.log(
    `  weather keys (place x representation) viewed x their place's updates: ` +
      `${count(m.keyBound)}; weather origin requests / that: ` +
      `${(sum(m.originOf) / m.keyBound).toFixed(2)}`,
  );
}

const sum = (xs: Float64Array) => xs.reduce((a, b) => a + b, 0);
