import { readFileSync } from 'node:fs';
import type { CapAlert } from '../../src/domain/alerts.ts';
import { parseCap } from '../../src/ingest/alerts/cap.ts';

/** A fixture's text (test/fixtures/alerts/). */
export const alertFixture = (name: string) =>
  readFileSync(new URL(`../fixtures/alerts/${name}`, import.meta.url), 'utf8');

/** The Greater London wind warning of the MeteoAlarm fixtures: `alert`, `update`, `cancel`. */
export const londonWind = (kind: 'alert' | 'update' | 'cancel' = 'alert'): CapAlert =>
  parseCap(
    alertFixture(
      kind === 'alert' ? 'meteoalarm-gb-wind.cap.xml' : `meteoalarm-gb-wind-${kind}.cap.xml`,
    ),
    'meteoalarm',
  );

/** A message moved in time: in force from an hour before `now` until `hours` after it. */
export const inForceAround = (alert: CapAlert, now: number, hours = 24): CapAlert => ({
  ...alert,
  onset: new Date(now - 3_600_000),
  expires: new Date(now + hours * 3_600_000),
});
