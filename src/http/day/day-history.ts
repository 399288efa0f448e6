import { html } from 'hono/html';
import { anomalyOf, normalOf, twelveMonths } from '../../domain/weather/climate-statistics.ts';
import type { UnitSystem } from '../../domain/weather/units.ts';
import type { RecordDay } from '../../store/statistics/place-stats.ts';
import { v } from '../place/place-sections.ts';
import { statUnits } from '../statistics/stats-units.ts';
import type { DayDocument } from './day-document.ts';
import type { DayPageData } from './day-page-data.ts';
import { longDate } from './day-text.ts';

const MONTHS = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', month: 'long' });
const monthName = (date: string) => MONTHS.format(new Date(`${date.slice(0, 7)}-01T00:00:00Z`));
const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** `3.7°C warmer than normal`, `as normal` under a twentieth of a degree. */
function againstNormal(difference: number, unit: string) {
  if (Math.abs(difference) < 0.05) return 'as warm as normal';
  return `${v(Math.abs(difference), unit)} ${difference > 0 ? 'warmer' : 'colder'} than normal`;
}

/**
 * The normal of the day's calendar month and the place's records, from its statistics (primary
 * source). Only where there is history: nothing at all when the month has too few days for a
 * normal, so a place with a few days of data shows no empty section.
 */
export function dayHistorySection(
  doc: DayDocument,
  data: DayPageData,
  dayMeanC: number | null,
  query: string,
) {
  const { climatology: clim, records } = data;
  const month = twelveMonths(clim.months)[Number(doc.date.slice(5, 7)) - 1]!;
  const normal = normalOf(month);
  if (!normal || !clim.source) return '';
  const units = doc.units.system as UnitSystem;
  const s = statUnits(units);
  const t = (c: number | null) => (c === null ? null : v(s.temp(c), doc.units.temperature));
  const typical = [
    month.maxMean === null ? '' : `typical high ${t(month.maxMean)}`,
    month.minMean === null ? '' : `low ${t(month.minMean)}`,
    month.precipitationDailyMean === null
      ? ''
      : `precipitation ${v(s.depth(month.precipitationDailyMean), doc.units.precipitation)} a day`,
  ].filter(Boolean);
  const anomaly = anomalyOf(dayMeanC, normal);
  const name = monthName(doc.date);
  // A record is a day held, so its page exists.
  const link = (d: RecordDay) =>
    html`<a href="${doc.location.path}/${d.date}${query}">${longDate(d.date)}</a>`;
  const record = (label: string, days: RecordDay[], value: (x: number) => string) =>
    days[0] ? html`<li>${label}: ${value(days[0].value)} on ${link(days[0])}</li>` : '';
  return html`<section class="history" aria-label="Normal and records">
<h2>Normal for ${name}</h2>
<p>Mean ${t(normal.mean)}, usually between ${t(normal.p10)} and ${t(normal.p90)}${typical.length > 0 ? ` · ${typical.join(', ')}` : ''}.</p>
${anomaly.difference === null ? '' : html`<p>This day's mean, ${t(dayMeanC)}, ${doc.summary.complete ? 'was' : 'is so far'} ${againstNormal(s.delta(anomaly.difference), doc.units.temperature)}.</p>`}
<p class="muted">Over ${plural(normal.days, 'day')} of ${name} in ${plural(normal.years, 'year')} (source: ${clim.source}).</p>
${
  records.days > 0
    ? html`<h3>Records held</h3><ul class="records">
${record('Hottest', records.hottest, (c) => t(c)!)}
${record('Coldest', records.coldest, (c) => t(c)!)}
${record('Wettest', records.wettest, (mm) => v(s.depth(mm), doc.units.precipitation))}
</ul><p class="muted">Over ${plural(records.days, 'day')}, ${longDate(records.firstDate!)} to ${longDate(records.lastDate!)} (source: ${records.source}).</p>`
    : ''
}
</section>`;
}
