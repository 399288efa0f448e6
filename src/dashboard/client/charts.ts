import type uPlot from 'uplot';
import type { Climatology, DailyStats, Located } from '../api-documents.ts';
import { compareColumns } from '../render/compare-tables.ts';
import { anyValue, dayMean, monthMean, type ShownMean } from '../render/derived-mean.ts';
import { MONTHS } from '../render/format.ts';

// The charts, drawn with uPlot (loaded before this script as its own immutable asset, a global).
// Each chart draws only the series that hold a value, and so its legend names only those. Their
// colours are the style sheet's (`--chart-*` in dashboard.css, light and dark), read when a chart
// is drawn: a canvas cannot follow the colour scheme by itself, so the charts are drawn again
// when the system's scheme changes.

declare global {
  interface Window {
    uPlot?: typeof uPlot;
  }
}

/** A chart and the element it fills, so it can be resized with it, and redrawn. */
export interface Chart {
  plot: uPlot;
  box: HTMLElement;
  spec: ChartSpec;
}

/** The charts' colours, as the style sheet says for the scheme in use. */
function palette() {
  const style = getComputedStyle(document.documentElement);
  const read = (name: string) => style.getPropertyValue(`--chart-${name}`).trim();
  return {
    ink: read('ink'),
    grid: read('grid'),
    card: read('card'),
    mean: read('mean'),
    derived: read('derived'),
    band: read('band'),
    bandFill: read('band-fill'),
    normal: read('normal'),
    min: read('min'),
    max: read('max'),
    rain: read('rain'),
    rainFill: read('rain-fill'),
    places: [1, 2, 3, 4].map((n) => read(`place-${n}`)),
  };
}
type Palette = ReturnType<typeof palette>;

const charts = new Set<Chart>();
const narrow = () => window.innerWidth < 600;
const size = (box: HTMLElement) => ({
  width: Math.max(260, box.clientWidth),
  height: narrow() ? 240 : 320,
});
const utc = (ts: number) => window.uPlot!.tzDate(new Date(ts * 1000), 'Etc/UTC');
/** A local date as the x value of a chart: its midnight in UTC, in seconds. */
const seconds = (date: string) => Date.parse(`${date}T00:00:00Z`) / 1000;

window.addEventListener('resize', () => {
  for (const c of charts) c.plot.setSize(size(c.box));
});
window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => {
  for (const c of charts) {
    c.plot.destroy();
    c.plot = plotOf(c.box, c.spec);
  }
});

const bars = (p: Palette): Partial<uPlot.Series> => ({
  stroke: p.rain,
  fill: p.rainFill,
  width: 1,
  points: { show: false },
  paths: window.uPlot!.paths.bars!({ size: [0.6, 40] }),
});

/** A series a chart may draw: drawn only when it holds a value. */
interface ChartLine {
  id: string;
  label: string;
  values: (number | null)[];
  /** Its look, in the colours of the scheme in use. */
  style?: (p: Palette) => Partial<uPlot.Series>;
  /** `precip`: bars on the right-hand axis. */
  scale?: 'precip';
}

interface ChartSpec {
  x: uPlot.Series;
  xs: number[];
  lines: ChartLine[];
  temperature: string;
  precipitation?: string;
  options?: Partial<uPlot.Options>;
}

/** The plot of the lines that hold a value, in the colours of the scheme in use. */
function plotOf(box: HTMLElement, spec: ChartSpec): uPlot {
  box.textContent = '';
  const p = palette();
  const lines = spec.lines.filter((l) => anyValue(l.values));
  const index = (id: string) => lines.findIndex((l) => l.id === id) + 1;
  const bands: uPlot.Band[] =
    index('p10') > 0 && index('p90') > 0
      ? [{ series: [index('p90'), index('p10')], fill: p.bandFill }]
      : [];
  const rain = lines.some((l) => l.scale === 'precip');
  const inked = (axis: uPlot.Axis): uPlot.Axis => ({
    stroke: p.ink,
    ticks: { stroke: p.grid },
    ...axis,
    grid: { stroke: p.grid, ...axis.grid },
  });
  const options: uPlot.Options = {
    ...size(box),
    legend: { live: false },
    series: [
      spec.x,
      ...lines.map((l) => {
        const style = { ...(l.scale === 'precip' ? bars(p) : {}), ...l.style?.(p) };
        return {
          label: l.label,
          ...(l.scale === 'precip' ? { scale: 'precip' } : {}),
          ...style,
          // uPlot fills markers white unless told: the card's colour, in either scheme.
          points: { fill: p.card, ...style.points },
        };
      }),
    ],
    bands,
    ...spec.options,
    scales: {
      ...spec.options?.scales,
      // Bars in the lower half, under the temperature lines rather than over them.
      ...(rain ? { precip: { range: (_u, _min, max) => [0, max > 0 ? max * 2 : 1] } } : {}),
    },
    axes: [
      ...(spec.options?.axes ?? [{}]),
      { label: spec.temperature, size: 50 },
      ...(rain
        ? [{ scale: 'precip', side: 1, label: spec.precipitation, size: 50, grid: { show: false } }]
        : []),
    ].map(inked),
  };
  return new window.uPlot!(options, [spec.xs, ...lines.map((l) => l.values)], box);
}

/**
 * Draws the lines that hold a value, or nothing (the figure hidden) when none does. The box
 * records each drawn series' label, points and sum (from the plot's own data) in `data-series`.
 */
function draw(box: HTMLElement, spec: ChartSpec): Chart | null {
  box.textContent = '';
  const drawn = spec.lines.filter((l) => anyValue(l.values)).length;
  const figure = box.closest('figure');
  if (figure) figure.hidden = drawn === 0;
  box.dataset.series = '[]';
  if (drawn === 0) return null;
  const plot = plotOf(box, spec);
  // What each drawn series holds, read back from the plot: for people checking a chart's data
  // (and the browser tests) without reaching into uPlot.
  box.dataset.series = JSON.stringify(
    plot.series.slice(1).map((s, i) => {
      const held: ArrayLike<number | null | undefined> = plot.data[i + 1] ?? [];
      const values = Array.from(held).filter((v): v is number => typeof v === 'number');
      const sum = Math.round(values.reduce((a, b) => a + b, 0) * 10) / 10;
      return { label: s.label, points: values.length, sum };
    }),
  );
  const chart = { plot, box, spec };
  charts.add(chart);
  return chart;
}

/** Takes a chart off the page. */
export function drop(chart: Chart | null) {
  if (!chart) return;
  charts.delete(chart);
  chart.plot.destroy();
}

const BAND = (p: Palette): Partial<uPlot.Series> => ({
  stroke: p.band,
  width: 1,
  dash: [1, 3],
  points: { show: false },
});
const dotted = (stroke: string) => ({ stroke, width: 1.5, dash: [2, 3], points: { show: false } });
const MEAN = (p: Palette) => ({ stroke: p.mean, width: 2, points: { show: true, size: 6 } });
const DERIVED = (p: Palette) => ({
  stroke: p.derived,
  width: 2,
  dash: [6, 3],
  points: { show: true, size: 5 },
});

/** Measured means, and means of min and max, as two series so the legend says which is which. */
function meanLines(means: readonly ShownMean[], derivedLabel: string): ChartLine[] {
  return [
    {
      id: 'mean',
      label: 'Mean',
      values: means.map((m) => (m.derived ? null : m.value)),
      style: MEAN,
    },
    {
      id: 'derived',
      label: derivedLabel,
      values: means.map((m) => (m.derived ? m.value : null)),
      style: DERIVED,
    },
  ];
}

/** The daily series against the normal band, and the days' precipitation. */
export function dailyChart(box: HTMLElement, doc: DailyStats): Chart | null {
  const d = doc.days;
  const means = d.map(dayMean);
  return draw(box, {
    x: { label: 'Date' },
    xs: d.map((x) => seconds(x.date)),
    temperature: doc.units.temperature,
    precipitation: doc.units.precipitation,
    options: { tzDate: utc },
    lines: [
      {
        id: 'p10',
        label: 'Normal 10th',
        values: d.map((x) => x.normal?.temperature_p10 ?? null),
        style: BAND,
      },
      {
        id: 'p90',
        label: 'Normal 90th',
        values: d.map((x) => x.normal?.temperature_p90 ?? null),
        style: BAND,
      },
      {
        id: 'normal',
        label: 'Normal mean',
        values: d.map((x) => x.normal?.temperature_mean ?? null),
        style: (p) => ({ ...dotted(p.normal), dash: [8, 5] }),
      },
      {
        id: 'min',
        label: 'Min',
        values: d.map((x) => x.temperature_min),
        style: (p) => dotted(p.min),
      },
      {
        id: 'max',
        label: 'Max',
        values: d.map((x) => x.temperature_max),
        style: (p) => dotted(p.max),
      },
      ...meanLines(means, 'Mean of min and max'),
      {
        id: 'rain',
        label: 'Precipitation',
        values: d.map((x) => x.precipitation),
        scale: 'precip',
      },
    ],
  });
}

/** The monthly climatology: means, average high and low, the percentile band, precipitation. */
export function climatologyChart(box: HTMLElement, doc: Climatology): Chart | null {
  const m = doc.months.filter((x) => x.days > 0);
  const month = (v: number) => MONTHS[v - 1] ?? '—';
  const means = m.map(monthMean);
  return draw(box, {
    x: { label: 'Month', value: (_, v) => month(v) },
    xs: m.map((x) => x.month),
    temperature: doc.units.temperature,
    precipitation: `${doc.units.precipitation}/month`,
    options: {
      scales: { x: { time: false, range: [0.5, 12.5] } },
      axes: [
        {
          splits: () => [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
          values: (_, splits) => splits.map((v) => (narrow() ? month(v)[0]! : month(v))),
        },
      ],
    },
    lines: [
      { id: 'p10', label: '10th percentile', values: m.map((x) => x.temperature_p10), style: BAND },
      { id: 'p90', label: '90th percentile', values: m.map((x) => x.temperature_p90), style: BAND },
      {
        id: 'median',
        label: 'Median',
        values: m.map((x) => x.temperature_p50),
        style: (p) => ({ stroke: p.normal, width: 1.5, dash: [8, 5] }),
      },
      ...meanLines(means, 'Mean of min and max'),
      {
        id: 'high',
        label: 'Average high',
        values: m.map((x) => x.temperature_max_mean),
        style: (p) => dotted(p.max),
      },
      {
        id: 'low',
        label: 'Average low',
        values: m.map((x) => x.temperature_min_mean),
        style: (p) => dotted(p.min),
      },
      {
        id: 'rain',
        label: 'Precipitation',
        values: m.map((x) => x.precipitation_monthly_mean),
        scale: 'precip',
      },
    ],
  });
}

/** The places' daily means, as the comparison's table shows them: one line style each. */
export function compareChart(
  box: HTMLElement,
  places: readonly Located[],
  series: readonly DailyStats[],
): Chart | null {
  const { dates, columns, units } = compareColumns({ places, series });
  return draw(box, {
    x: { label: 'Date' },
    xs: dates.map(seconds),
    temperature: units,
    options: { tzDate: utc },
    lines: columns.map((c, i) => {
      const style = PLACE_STYLES[i % PLACE_STYLES.length]!;
      return {
        id: `place-${i}`,
        label: c.label,
        values: c.means.map((m) => m.value),
        style: (p) => ({
          stroke: p.places[i % p.places.length],
          width: 2,
          dash: [...style.dash],
          points: { show: true, size: style.points },
        }),
      };
    }),
  });
}

// Line styles tell places apart without colour: each has its own dash and marker size (and its
// own colour, `--chart-place-1` to `-4`).
const PLACE_STYLES = [
  { dash: [], points: 5 },
  { dash: [10, 5], points: 7 },
  { dash: [2, 4], points: 4 },
  { dash: [12, 4, 2, 4], points: 6 },
] as const;
