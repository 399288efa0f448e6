import { esc, px } from './svg.ts';

/** Where the plot is: its edges and the width of one hour. */
export interface Plot {
  left: number;
  right: number;
  top: number;
  bottom: number;
  slot: number;
}

/** A shaded band over each run of night hours, behind everything else. */
export function nightShades(hours: readonly { night?: boolean }[], plot: Plot): string[] {
  const bands: string[] = [];
  let start = -1;
  hours.forEach((h, i) => {
    if (h.night && start < 0) start = i;
    const ends = start >= 0 && (!h.night || i === hours.length - 1);
    if (!ends) return;
    const last = h.night ? i : i - 1;
    const x = plot.left + start * plot.slot;
    const w = (last - start + 1) * plot.slot;
    bands.push(
      `<rect class="night" fill="#e9eef5" x="${px(x)}" y="0" width="${px(w)}" height="${plot.bottom}"><title>night</title></rect>`,
    );
    start = -1;
  });
  return bands;
}

/** Clip regions above and below the zero line, for colouring the line's frost part. */
export const frostClips = (width: number, height: number, zeroY: number) => {
  const zero = px(Math.min(height, Math.max(0, zeroY)));
  return (
    `<clipPath id="mg-warm"><rect x="0" y="0" width="${width}" height="${zero}"/></clipPath>` +
    `<clipPath id="mg-frost"><rect x="0" y="${zero}" width="${width}" height="${height}"/></clipPath>`
  );
};

/** The temperature line; drawn twice when it goes below zero, each half clipped to its side. */
export function temperatureLines(points: readonly string[], frost: boolean): string[] {
  if (points.length < 2) return [];
  const line = (cls: string, clip = '') =>
    `<polyline class="${cls}"${clip && ` clip-path="url(#${clip})"`} points="${points.join(' ')}"/>`;
  return frost ? [line('temp', 'mg-warm'), line('temp frost', 'mg-frost')] : [line('temp')];
}

/**
 * Each distinct symbol once, in the chart's defs, for `<use>` to place: a chart shown alone as an
 * image carries its symbols inside it (as data URIs), and 16 copies of each would weigh a lot.
 */
export function symbolDefs(symbols: readonly ({ src: string } | null)[]) {
  const ids = new Map<string, string>();
  for (const s of symbols) if (s && !ids.has(s.src)) ids.set(s.src, `mg-s${ids.size}`);
  const defs = [...ids].map(
    ([src, id]) => `<image id="${id}" href="${esc(src)}" width="26" height="26"/>`,
  );
  return { defs: defs.join(''), idOf: (src: string) => ids.get(src)! };
}
