import { html } from 'hono/html';

// A small line chart drawn on the server as inline SVG: the operations page has no script, and
// needs none to show how the last hours went. The words beside it (latest, highest, the span of
// time) say what the line shows, so it reads without sight of it and without colour.

export interface Line {
  label: string;
  /** One value per time; null where there is none (the line breaks there). */
  values: readonly (number | null)[];
  /** A second line is dashed, so two lines differ without colour. */
  dashed?: boolean;
}

export interface TimeSeriesOptions {
  id: string;
  title: string;
  /** Times of the values, ms since the epoch, oldest first. */
  times: readonly number[];
  lines: readonly Line[];
  /** A value as the words beside the chart write it. */
  format: (value: number) => string;
  /** The top of the scale (a ratio's 1); default the highest value. */
  top?: number;
}

const W = 300;
const H = 80;

const hhmm = (ms: number) => new Date(ms).toISOString().slice(11, 16);

/** The polylines of one line: a run of values without a gap is one polyline. */
function runs(times: readonly number[], values: readonly (number | null)[], top: number) {
  const t0 = times[0] ?? 0;
  const span = Math.max((times.at(-1) ?? 0) - t0, 1);
  const out: string[] = [];
  let run: string[] = [];
  values.forEach((v, i) => {
    if (v === null) {
      if (run.length) out.push(run.join(' '));
      run = [];
      return;
    }
    const x = (((times[i] ?? t0) - t0) / span) * W;
    const y = H - 2 - (v / top) * (H - 4);
    run.push(`${x.toFixed(1)},${y.toFixed(1)}`);
  });
  if (run.length) out.push(run.join(' '));
  return out;
}

/** A figure with the chart and what it shows in words; or why there is no chart yet. */
export function timeSeries(o: TimeSeriesOptions) {
  const all = o.lines.flatMap((l) => l.values).filter((v): v is number => v !== null);
  const highest = all.length ? Math.max(...all) : null;
  const words = o.lines.map((l, i) => {
    const latest = [...l.values].reverse().find((v) => v !== null);
    const style = o.lines.length > 1 ? ` (${l.dashed ? 'dashed' : 'solid'})` : '';
    return `${l.label}${style}: latest ${latest === undefined ? '—' : o.format(latest)}${i === 0 && highest !== null ? `, highest ${o.format(highest)}` : ''}`;
  });
  const from = o.times[0];
  const to = o.times.at(-1);
  if (from === undefined || to === undefined || o.times.length < 2) {
    return html`<figure class="series" id="${o.id}"><figcaption><strong>${o.title}</strong></figcaption>
<p class="muted">Not enough readings yet: one is taken a minute, and at each view of this page.</p></figure>`;
  }
  const top = o.top ?? (highest && highest > 0 ? highest : 1);
  const span = `from ${hhmm(from)} to ${hhmm(to)} UTC`;
  return html`<figure class="series" id="${o.id}"><figcaption><strong>${o.title}</strong>, ${span}<br><span class="muted">${words.join('; ')}</span></figcaption>
<svg viewBox="0 0 ${W} ${H}" preserveAspectRatio="none" role="img" aria-label="${o.title} ${span}: ${words.join('; ')}">
<line class="base" x1="0" y1="${H - 1}" x2="${W}" y2="${H - 1}"></line>
${o.lines.map((l, i) =>
  runs(o.times, l.values, top).map(
    (points) =>
      html`<polyline class="line l${i}" points="${points}"${l.dashed ? html` stroke-dasharray="6 4"` : ''} vector-effect="non-scaling-stroke"></polyline>`,
  ),
)}</svg>
<p class="axis muted" aria-hidden="true"><span>${hhmm(from)}</span><span>${hhmm(to)}</span></p></figure>`;
}
