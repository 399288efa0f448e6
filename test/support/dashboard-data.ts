import { addDays } from '../../src/contract/uris/day-uri.ts';
import type { Queryable } from '../../src/store/index.ts';
import { issueToken } from './tokens.ts';

/** The places the dashboard tests show, each with its own climate. */
export const DASHBOARD_PLACES = { 'GB/London': 8, 'FR/Paris': 10, 'DE/Munchen': 4 } as const;
/** The days of measured history written: 43 days before the fixture's today (2026-11-22). */
export const HISTORY_FROM = '2026-10-10';
export const HISTORY_TO = '2026-11-21';
/** The UTC hours written each day: enough for a daily mean, little enough to stay fast. */
const HOURS = ['03', '09', '15', '21'];

/** A temperature that varies by day and hour, so records and means are not ties. */
export const temperatureAt = (base: number, day: number, hour: number) =>
  Math.round((base + 6 * Math.sin(day / 5) + (hour - 12) / 3 + ((day * 7) % 5) / 2) * 10) / 10;

/**
 * Writes measured hourly observations for the dashboard's places through the write API, as a
 * source would (daily summaries and whatever aggregates follow from writes are made there).
 */
export async function writeDashboardHistory(
  app: { request(path: string, init: RequestInit): Response | Promise<Response> },
  db: Queryable,
): Promise<void> {
  const token = await issueToken(db, 'write');
  const rows = [];
  const days = Math.round((Date.parse(HISTORY_TO) - Date.parse(HISTORY_FROM)) / 86_400_000) + 1;
  for (const [place, base] of Object.entries(DASHBOARD_PLACES)) {
    for (let day = 0; day < days; day++) {
      const date = addDays(HISTORY_FROM, day);
      for (const hour of HOURS) {
        rows.push({
          place,
          source: 'test-station',
          observed_at: `${date}T${hour}:00:00Z`,
          condition: 'cloudy',
          temperature_c: temperatureAt(base, day, Number(hour)),
          precipitation_mm: day % 4 === 0 ? (day % 9) + 0.5 : 0,
        });
      }
    }
  }
  const res = await app.request('/v1/observations', {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(rows),
  });
  if (res.status !== 200) throw new Error(`writing the history failed: ${await res.text()}`);
}
