import { conditionWords } from '../place/place-text.ts';
import type { DayDocument } from './day-document.ts';

const LONG_DATE = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

/** `Friday, 20 November 2026` for `2026-11-20`: a calendar date, whatever the zone. */
export const longDate = (date: string) => LONG_DATE.format(new Date(`${date}T00:00:00Z`));

/** How much of the day is in: `24 hourly observations, complete`. */
export function coverageWords(s: DayDocument['summary']): string {
  if (s.hours_covered === null) return 'sent whole by the source';
  const n = `${s.hours_covered} hourly observation${s.hours_covered === 1 ? '' : 's'}`;
  return s.complete ? `${n}, complete` : `${n} so far, incomplete`;
}

/** `01:00`, or `01:00+01:00` on a day whose clocks change, so the two 01:00s differ. */
export function hourLabels(doc: DayDocument): string[] {
  const offsets = new Set(doc.observations.map((o) => o.local_time.slice(16)));
  return doc.observations.map((o) => o.local_time.slice(11, offsets.size > 1 ? undefined : 16));
}

const value = (v: number | null, unit: string) =>
  v === null ? '–' : `${v} ${unit}`.replace(' °', '°');
const pad = (text: string, width: number) => text.padEnd(width);

/** `label value` for each value the source gave: one it did not is left out, never a dash. */
const given = (...parts: [label: string, v: number | null, unit: string][]) =>
  parts.flatMap(([label, v, unit]) => (v === null ? [] : [`${label}${value(v, unit)}`]));

/** The summary in sentences of what the source gave. */
function summaryLines(s: DayDocument['summary'], u: DayDocument['units']): string[] {
  const [lo, hi] = [s.temperature_min, s.temperature_max];
  const range =
    lo !== null && hi !== null && lo !== hi
      ? [`${value(lo, u.temperature)} to ${value(hi, u.temperature)}`]
      : given(['', lo ?? hi, u.temperature]);
  const mean = given(['mean ', s.temperature_mean, u.temperature]).map((m) => `(${m})`);
  const sky = [...(s.condition ? [conditionWords(s.condition)] : []), ...range].join(', ');
  const wind = given(['wind ', s.wind_speed_mean, u.wind]);
  const gusts = given(['gusts to ', s.wind_gust_max, u.wind]);
  const weather = [
    ...given(['precipitation ', s.precipitation, u.precipitation]),
    ...(wind.length > 0 ? [`${wind[0]}${gusts.map((g) => ` (${g})`).join('')}`] : gusts),
  ].join(', ');
  return [
    ...(sky || mean.length > 0 ? [`  ${[sky, ...mean].filter(Boolean).join(' ')}`] : []),
    ...(weather ? [`  ${weather.charAt(0).toUpperCase()}${weather.slice(1)}`] : []),
    `  ${coverageWords(s)}`,
  ];
}

/** The plain-text view of a day (`/{CC}/{Name}/{YYYY-MM-DD}.txt`), for terminals and `curl`. */
export function dayText(doc: DayDocument, history: readonly string[] = []): string {
  const { location: loc, units: u, summary: s } = doc;
  const lines = [`${loc.name}, ${loc.country}: ${longDate(doc.date)} (${loc.timezone})`, ''];
  if (doc.notice) lines.push(`NOTE: ${doc.notice}`, '');
  const also = doc.other_sources.length > 0 ? `; also: ${doc.other_sources.join(', ')}` : '';
  lines.push(`Summary (source: ${doc.source}${also})`, ...summaryLines(s, u), '', ...history);
  if (doc.observations.length > 0) {
    lines.push('Hour by hour (local time)');
    const labels = hourLabels(doc);
    doc.observations.forEach((o, i) => {
      lines.push(
        `  ${pad(labels[i]!, 11)} ${pad(conditionWords(o.condition), 14)}` +
          ` ${pad(value(o.temperature, u.temperature), 9)} ${pad(value(o.precipitation, u.precipitation), 9)}` +
          ` ${value(o.wind_speed, u.wind)}`,
      );
    });
    lines.push('');
  }
  lines.push(...doc.attribution.map((a) => `-- ${a}`));
  return `${lines.join('\n')}\n`;
}
