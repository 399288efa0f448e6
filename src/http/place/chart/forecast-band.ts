import { text } from './svg.ts';

/** Where a chart plots, in pixels: its edges and the width of an hour. */
export interface PlotArea {
  left: number;
  right: number;
  top: number;
  bottom: number;
  slot: number;
}

/**
 * The band behind the forecast hours of a chart that starts with observed ones (a day's page):
 * from the first forecast hour to the plot's right edge, labelled. Nothing when every hour is
 * observed or every hour forecast. Painted in the text's own colour, faintly, so it reads on a
 * light page and a dark one without a style of its own.
 */
export function forecastBand(from: number, hours: number, plot: PlotArea): string[] {
  if (from <= 0 || from >= hours) return [];
  const at = plot.left + from * plot.slot;
  const top = plot.top - 12;
  return [
    `<rect class="forecast-band" x="${at}" y="${top}" width="${plot.right - at}" height="${plot.bottom - top}" fill="currentColor" fill-opacity="0.07"/>`,
    text(at + 4, plot.top - 2, 'forecast', { cls: 'unit' }),
  ];
}
