import { html } from 'hono/html';
import {
  dayStanding,
  NORMAL_WINDOW_DAYS,
  type RecordValue,
  standingNote,
} from '../../domain/weather/date-climate.ts';
import { TEMPERATURES, type UnitSystem } from '../../domain/weather/units.ts';
import type { RecordDay } from '../../store/statistics/place-stats.ts';
import { v } from '../place/place-sections.ts';
import { statUnits } from '../statistics/stats-units.ts';
import type { DayDocument } from './day-document.ts';
import type { DayPageData } from './day-page-data.ts';
import { longDate } from './day-text.ts';

const DAY_MONTH = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  day: 'numeric',
  month: 'long',
});
const dayMonth = (date: string) => DAY_MONTH.format(new Date(`${date}T00:00:00Z`));
const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
const round1 = (x: number) => Math.round(x * 10) / 10;

/** The day's own extremes in °C, as its shown source gave them. */
export interface DayExtremesC {
  max: number | null;
  min: number | null;
}

/** `2.9°C above normal`, `a normal high` under half a degree. */
function against(difference: number, unit: string, what: string) {
  if (Math.abs(difference) < 0.5) return `a normal ${what}`;
  return `${v(Math.abs(difference), unit)} ${difference > 0 ? 'above' : 'below'} normal`;
}

/** The day of a record in its year: 29 February counts as 28 February in other years. */
function recordDate(date: string, year: number) {
  const md = date.slice(5);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return `${year}-${md === '02-29' && !leap ? '02-28' : md}`;
}

/**
 * The day against the normal for its calendar date (date-climate.ts: the mean high and low of
 * every other year held within 7 days of it, with ten years at least), in the document's units,
 * as words both the page and the text view use. Null where the history is too short.
 */
export function dayClimateFacts(doc: DayDocument, data: DayPageData, day: DayExtremesC) {
  const c = data.climate;
  if (!c) return null;
  const unit = doc.units.temperature;
  const { temp } = TEMPERATURES[doc.units.system as UnitSystem];
  const { temperature_max: hi, temperature_min: lo } = doc.summary;
  const differences = [
    hi === null
      ? null
      : `high, ${v(hi, unit)}, ${against(round1(hi - temp(c.normal.max)), unit, 'high')}`,
    lo === null
      ? null
      : `low, ${v(lo, unit)}, ${against(round1(lo - temp(c.normal.min)), unit, 'low')}`,
  ].filter((x) => x !== null);
  // Only a whole day's extremes rank it among the years.
  const standing = doc.summary.complete ? dayStanding(doc.date, day.max, day.min, c.history) : null;
  const record = (r: RecordValue | null) =>
    r && { value: v(temp(r.value), unit), year: r.year, date: recordDate(doc.date, r.year) };
  return {
    name: dayMonth(doc.date),
    normal: `Typical high ${v(temp(c.normal.max), unit)}, low ${v(temp(c.normal.min), unit)}`,
    differences,
    standing: standing && standingNote(doc.date, standing),
    highest: record(c.record.max),
    lowest: record(c.record.min),
    over: `Over ${plural(c.years, 'year')} held within ${NORMAL_WINDOW_DAYS} days of ${dayMonth(doc.date)} (source: ${c.source})`,
  };
}

/** The place's records held (its hottest, coldest and wettest day), in the document's units. */
export function placeRecordFacts(doc: DayDocument, data: DayPageData) {
  const { records } = data;
  if (records.days === 0) return null;
  const s = statUnits(doc.units.system as UnitSystem);
  const t = (c: number) => v(s.temp(c), doc.units.temperature);
  const mm = (x: number) => v(s.depth(x), doc.units.precipitation);
  const rows: [string, RecordDay | undefined, (x: number) => string][] = [
    ['Hottest', records.hottest[0], t],
    ['Coldest', records.coldest[0], t],
    ['Wettest', records.wettest[0], mm],
  ];
  return {
    rows: rows.flatMap(([label, d, f]) => (d ? [{ label, value: f(d.value), date: d.date }] : [])),
    over: `Over ${plural(records.days, 'day')}, ${longDate(records.firstDate!)} to ${longDate(records.lastDate!)} (source: ${records.source})`,
  };
}

/**
 * The normal for the day's calendar date, its records and the place's, from its statistics
 * (primary source). Only where there is history: nothing at all when under ten years are held
 * near the date, so a place with a few days of data shows no empty section.
 */
export function dayHistorySection(
  doc: DayDocument,
  data: DayPageData,
  day: DayExtremesC,
  query: string,
) {
  const facts = dayClimateFacts(doc, data, day);
  if (!facts) return '';
  const held = placeRecordFacts(doc, data);
  // A record is a day held, so its page exists.
  const link = (date: string, text: string) =>
    html`<a href="${doc.location.path}/${date}${query}">${text}</a>`;
  const dateRecord = (label: string, r: typeof facts.highest) =>
    r ? html`<li>${label}: ${r.value} in ${link(r.date, String(r.year))}</li>` : '';
  return html`<section class="history" aria-label="Normal and records">
<h2>Normal for ${facts.name}</h2>
<p>${facts.normal}.</p>
${facts.differences.length > 0 ? html`<p>This day's ${facts.differences.join('; its ')}${doc.summary.complete ? '' : ' (so far)'}.</p>` : ''}
${facts.standing ? html`<p><strong>The ${facts.standing}.</strong></p>` : ''}
${
  facts.highest || facts.lowest
    ? html`<h3>Records for ${facts.name}</h3><ul class="records">
${dateRecord('Highest', facts.highest)}
${dateRecord('Lowest', facts.lowest)}
</ul>`
    : ''
}
<p class="muted">${facts.over}.</p>
${
  held
    ? html`<h3>Records held</h3><ul class="records">
${held.rows.map((r) => html`<li>${r.label}: ${r.value} on ${link(r.date, longDate(r.date))}</li>`)}
</ul><p class="muted">${held.over}.</p>`
    : ''
}
</section>`;
}

/** The same in plain text, for the day's `.txt` view; no lines where the history is too short. */
export function dayHistoryLines(doc: DayDocument, data: DayPageData, day: DayExtremesC): string[] {
  const facts = dayClimateFacts(doc, data, day);
  if (!facts) return [];
  const held = placeRecordFacts(doc, data);
  const record = (label: string, r: typeof facts.highest) =>
    r ? [`  ${label} for ${facts.name}: ${r.value} in ${r.year}`] : [];
  return [
    `Normal for ${facts.name}`,
    `  ${facts.normal}`,
    ...facts.differences.map((d) => `  This day's ${d}`),
    ...(facts.standing ? [`  The ${facts.standing}`] : []),
    ...record('Highest', facts.highest),
    ...record('Lowest', facts.lowest),
    `  ${facts.over}`,
    '',
    ...(held
      ? [
          'Records held',
          ...held.rows.map((r) => `  ${r.label}: ${r.value} on ${longDate(r.date)}`),
          `  ${held.over}`,
          '',
        ]
      : []),
  ];
}
