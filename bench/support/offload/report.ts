// The offload figures every set-up reports, and the table that prints them side by side.

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

/** The busiest second's requests, and the busiest minute's mean per second. */
export function peaks(bySecond: Float64Array): { second: number; minute: number } {
  let second = 0;
  let minute = 0;
  let window = 0;
  for (let s = 0; s < bySecond.length; s++) {
    second = Math.max(second, bySecond[s]!);
    window += bySecond[s]! - (s >= 60 ? bySecond[s - 60]! : 0);
    if (s >= 59) minute = Math.max(minute, window / 60);
  }
  return { second, minute };
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
      'peak req/s (second, minute)',
      'bound',
      'origin / bound',
    ],
    setups.map((s) => {
      const peak = peaks(s.originBySecond);
      return [
        s.setup,
        percent(s.fromCopy / s.lookups),
        count(s.originRequests),
        `${count(peak.second)}, ${peak.minute.toFixed(1)}`,
        count(s.bound),
        (s.originRequests / s.bound).toFixed(2),
      ];
    }),
  );
}
