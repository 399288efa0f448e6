import type uPlot from 'uplot';
import type { Climatology, DailyStats, Located } from '../api-documents.ts';
import { placeLabel } from '../render/compare-tables.ts';
import { MONTHS } from '../render/format.ts';

// The charts, drawn with uPlot (loaded before this script as its own immutable asset, a global).

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

// Line styles tell series apart without colour: each has its own dash and marker size.
const PLACE_STYLES = [
  { stroke: '#1f5fa8', dash: [], points: 5 },
  { stroke: '#b03a2e', dash: [10, 5], points: 7 },
  { stroke: '#2e7d32', dash: [2, 4], points: 4 },
  { stroke: '#6a3d9a', dash: [12, 4, 2, 4], points: 6 },
] as const;
const BAND: uPlot.Series = { stroke: '#8aa9c9', width: 1, dash: [1, 3], points: { show: false } };
const BAND_FILL: uPlot.Band[] = [{ series: [2, 1], fill: 'rgba(91,140,200,0.2)' }];

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

function draw(
  box: HTMLElement,
  options: Omit<uPlot.Options, 'width' | 'height'>,
  data: uPlot.AlignedData,
): Chart {
  box.textContent = '';
  const plot = new window.uPlot!({ ...size(box), legend: { live: false }, ...options }, data, box);
  const chart = { plot, box };
  charts.add(chart);
  return chart;
}

/** Takes a chart off the page. */
export function drop(chart: Chart) {
  charts.delete(chart);
  chart.plot.destroy();
}

export function dailyData(doc: DailyStats): uPlot.AlignedData {
  const d = doc.days;
  return [
    d.map((x) => seconds(x.date)),
    d.map((x) => x.normal?.temperature_p10 ?? null),
    d.map((x) => x.normal?.temperature_p90 ?? null),
    d.map((x) => x.normal?.temperature_mean ?? null),
    d.map((x) => x.temperature_min),
    d.map((x) => x.temperature_max),
    d.map((x) => x.temperature_mean),
  ];
}

/** The daily series against the normal band. */
export function dailyChart(box: HTMLElement, doc: DailyStats): Chart {
  const line = (stroke: string) => ({ stroke, width: 1.5, dash: [2, 3], points: { show: false } });
  return draw(
    box,
    {
      tzDate: utc,
      series: [
        { label: 'Date' },
        { label: 'Normal 10th', ...BAND },
        { label: 'Normal 90th', ...BAND },
        { label: 'Normal mean', ...line('#5b6875'), dash: [8, 5] },
        { label: 'Min', ...line('#2b6cb0') },
        { label: 'Max', ...line('#c05621') },
        { label: 'Mean', stroke: '#1d2630', width: 2, points: { show: true, size: 6 } },
      ],
      bands: BAND_FILL,
      axes: [{}, { label: doc.units.temperature, size: 50 }],
    },
    dailyData(doc),
  );
}

/** The monthly climatology: mean, median and the 10th–90th percentile band. */
export function climatologyChart(box: HTMLElement, doc: Climatology): Chart {
  const m = doc.months;
  const month = (v: number) => MONTHS[v - 1] ?? '—';
  return draw(
    box,
    {
      scales: { x: { time: false, range: [0.5, 12.5] } },
      series: [
        { label: 'Month', value: (_, v) => month(v) },
        { label: '10th percentile', ...BAND },
        { label: '90th percentile', ...BAND },
        { label: 'Median', stroke: '#5b6875', width: 1.5, dash: [8, 5] },
        { label: 'Mean', stroke: '#1d2630', width: 2, points: { show: true, size: 7 } },
      ],
      bands: BAND_FILL,
      axes: [
        {
          splits: () => [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
          values: (_, splits) => splits.map((v) => (narrow() ? month(v)[0]! : month(v))),
        },
        { label: doc.units.temperature, size: 50 },
      ],
    },
    [
      m.map((x) => x.month),
      m.map((x) => x.temperature_p10),
      m.map((x) => x.temperature_p90),
      m.map((x) => x.temperature_p50),
      m.map((x) => x.temperature_mean),
    ],
  );
}

/** The places' daily means on one chart, one line style each. */
export function compareChart(box: HTMLElement, places: Located[], series: DailyStats[]): Chart {
  return draw(
    box,
    {
      tzDate: utc,
      series: [
        { label: 'Date' },
        ...places.map((p, i) => {
          const style = PLACE_STYLES[i % PLACE_STYLES.length]!;
          return {
            label: placeLabel(p.location),
            stroke: style.stroke,
            width: 2,
            dash: [...style.dash],
            points: { show: true, size: style.points },
          };
        }),
      ],
      axes: [{}, { label: series[0]?.units.temperature ?? '°C', size: 50 }],
    },
    [
      (series[0]?.days ?? []).map((d) => seconds(d.date)),
      ...series.map((s) => s.days.map((d) => d.temperature_mean)),
    ],
  );
}
