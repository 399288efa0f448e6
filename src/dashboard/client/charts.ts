import type uPlot from 'uplot';
import type { Climatology, DailyStats, Located } from '../api-documents.ts';
import { compareColumns } from '../render/compare-tables.ts';
import { anyValue, dayMean, monthMean, type ShownMean } from '../render/derived-mean.ts';
import { MONTHS } from '../render/format.ts';

// The charts, drawn with uPlot (loaded before this script as its own immutable asset, a global).
// Each chart draws only the series that hold a value, and so its legend names only those.

declare global {
  interface Window {
    uPlot?: typeof uPlot;
  }
}

/** A chart and the element it fills, so it can be resized with it. */
export interface Chart {
  plot: uPlot;
  box: HTMLElement;
}

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

const bars = (): Partial<uPlot.Series> => ({
  stroke: '#3d7ab8',
  fill: 'rgba(61,122,184,0.3)',
  width: 1,
  points: { show: false },
  paths: window.uPlot!.paths.bars!({ size: [0.6, 40] }),
});

/** A series a chart may draw: drawn only when it holds a value. */
interface ChartLine {
  id: string;
  label: string;
  values: (number | null)[];
  style?: Partial<uPlot.Series>;
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

/**
 * Draws the lines that hold a value, or nothing (the figure hidden) when none does. The box
 * records each drawn series' label, points and sum (from the plot's own data) in `data-series`.
 */
function draw(box: HTMLElement, spec: ChartSpec): Chart | null {
  box.textContent = '';
  const lines = spec.lines.filter((l) => anyValue(l.values));
  const figure = box.closest('figure');
  if (figure) figure.hidden = lines.length === 0;
  box.dataset.series = '[]';
  if (lines.length === 0) return null;
  const index = (id: string) => lines.findIndex((l) => l.id === id) + 1;
  const bands: uPlot.Band[] =
    index('p10') > 0 && index('p90') > 0
      ? [{ series: [index('p90'), index('p10')], fill: 'rgba(91,140,200,0.2)' }]
      : [];
  const rain = lines.some((l) => l.scale === 'precip');
  const options: uPlot.Options = {
    ...size(box),
    legend: { live: false },
    series: [
      spec.x,
      ...lines.map((l) => ({
        label: l.label,
        ...(l.scale === 'precip' ? { scale: 'precip', ...bars() } : {}),
        ...l.style,
      })),
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
    ],
  };
  const plot = new window.uPlot!(options, [spec.xs, ...lines.map((l) => l.values)], box);
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
  const chart = { plot, box };
  charts.add(chart);
  return chart;
}

/** Takes a chart off the page. */
export function drop(chart: Chart | null) {
  if (!chart) return;
  charts.delete(chart);
  chart.plot.destroy();
}

const BAND: Partial<uPlot.Series> = {
  stroke: '#8aa9c9',
  width: 1,
  dash: [1, 3],
  points: { show: false },
};
const dotted = (stroke: string) => ({ stroke, width: 1.5, dash: [2, 3], points: { show: false } });
const MEAN = { stroke: '#1d2630', width: 2, points: { show: true, size: 6 } };
const DERIVED = { stroke: '#6b4f2a', width: 2, dash: [6, 3], points: { show: true, size: 5 } };

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
        style: { ...dotted('#5b6875'), dash: [8, 5] },
      },
      {
        id: 'min',
        label: 'Min',
        values: d.map((x) => x.temperature_min),
        style: dotted('#2b6cb0'),
      },
      {
        id: 'max',
        label: 'Max',
        values: d.map((x) => x.temperature_max),
        style: dotted('#c05621'),
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
        style: { stroke: '#5b6875', width: 1.5, dash: [8, 5] },
      },
      ...meanLines(means, 'Mean of min and max'),
      {
        id: 'high',
        label: 'Average high',
        values: m.map((x) => x.temperature_max_mean),
        style: dotted('#c05621'),
      },
      {
        id: 'low',
        label: 'Average low',
        values: m.map((x) => x.temperature_min_mean),
        style: dotted('#2b6cb0'),
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
        style: {
          stroke: style.stroke,
          width: 2,
          dash: [...style.dash],
          points: { show: true, size: style.points },
        },
      };
    }),
  });
}

// Line styles tell places apart without colour: each has its own dash and marker size.
const PLACE_STYLES = [
  { stroke: '#1f5fa8', dash: [], points: 5 },
  { stroke: '#b03a2e', dash: [10, 5], points: 7 },
  { stroke: '#2e7d32', dash: [2, 4], points: 4 },
  { stroke: '#6a3d9a', dash: [12, 4, 2, 4], points: 6 },
] as const;
