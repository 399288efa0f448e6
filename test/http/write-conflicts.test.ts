import fc from 'fast-check';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { findPlacesByName } from '../../src/store/catalog/locations.ts';
import { drivers } from '../support/databases.ts';
import { FIXTURE_PLACES, json } from '../support/fixture.ts';
import { storedObservations } from '../support/stored-rows.ts';
import { issueToken } from '../support/tokens.ts';
import { useWriteOrigin } from '../support/write-origin.ts';

const BATCHES = 8;
const PLACES = FIXTURE_PLACES.slice(0, 10);
const HOURS = 200; // 10 places × 200 hours: 2,000 rows a batch
const LAST_HOUR = Date.parse('2026-11-22T10:00:00Z'); // the fixture clock is 10:15
/** Tries of one batch before the test gives up; each 503 is answered by sending it again. */
const MOST_TRIES = 30;

const rows = PLACES.flatMap((place, p) =>
  Array.from({ length: HOURS }, (_, h) => ({
    place: place.geonamesId,
    source: 'conflicts',
    observed_at: new Date(LAST_HOUR - h * 3_600_000).toISOString(),
    condition: 'cloudy',
    temperature_c: ((p * 7 + h) % 30) - 5,
  })),
);

// Concurrent batches of the same rows in different orders once deadlocked on Postgres, and the
// loser answered 500. A write is a transaction a client may send again: the answer is 200, or
// 503 with Retry-After, and the batches sent again until they pass leave the rows they carry.
describe.each(drivers)('concurrent conflicting writes on $name', (driver) => {
  const origin = useWriteOrigin(driver);
  const writer = () => issueToken(origin().t.db, 'write');

  it.skipIf(driver.skip)(
    'answers eight batches of the same 2,000 rows in different orders 200 or 503 with Retry-After',
    async () => {
      const token = await writer();
      const orders = fc.sample(fc.shuffledSubarray(rows, { minLength: rows.length }), {
        numRuns: BATCHES,
        seed: 25,
      });
      const statuses: number[] = [];
      const send = async (batch: typeof rows) => {
        for (let tries = 1; tries <= MOST_TRIES; tries++) {
          const res = await origin().post('/v1/observations', batch, { token });
          statuses.push(res.status);
          const body = await json(res);
          if (res.status !== 503) {
            expect(res.status, JSON.stringify(body)).toBe(200);
            return body;
          }
          expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
          expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
          expect(body).toMatchObject({ code: 'unavailable', status: 503 });
        }
        throw new Error(`a batch was refused ${MOST_TRIES} times`);
      };
      const answers = await Promise.all(orders.map(send));
      console.log(`[conflicts] ${driver.name}: answers ${statuses.join(' ')}`);
      for (const answer of answers) expect(answer).toMatchObject({ read: rows.length });
      // Together the batches inserted each row once; the rest found it there, unchanged.
      expect(answers.reduce((n, a) => n + a.inserted, 0)).toBe(rows.length);
      expect(answers.reduce((n, a) => n + a.replaced, 0)).toBe(0);

      const stored = (await storedObservations(origin().t.db)).filter(
        (o) => o.source === 'conflicts',
      );
      expect(stored).toHaveLength(rows.length);
      const places = await findPlacesByName(
        origin().t.db,
        [],
        PLACES.map((p) => p.geonamesId),
      );
      const geonamesId = new Map(places.map((p) => [p.id, p.geonamesId]));
      const key = (place: number, at: string) => `${place}|${at}`;
      expect(
        new Map(
          stored.map((o) => [
            key(geonamesId.get(o.locationId)!, new Date(o.observedAt).toISOString()),
            o.temperatureC,
          ]),
        ),
      ).toEqual(new Map(rows.map((r) => [key(r.place, r.observed_at), r.temperature_c])));
    },
    120_000,
  );

  it.skipIf(driver.skip || driver.name !== 'postgres')(
    'answers a write that a deadlock rolled back 503 with Retry-After, and takes it sent again',
    async () => {
      const token = await writer();
      const row = (hour: string, temperature_c: number) => ({
        place: 'GB/London',
        source: 'deadlock',
        observed_at: `2026-11-22T${hour}:00:00Z`,
        condition: 'clear',
        temperature_c,
      });
      const first = await origin().post('/v1/observations', [row('01', 1), row('02', 2)], {
        token,
      });
      expect(first.status).toBe(200);
      // Another session holds the later row; the write takes the earlier one, then waits for
      // the later; the session then asks for the earlier one: a deadlock, which Postgres breaks
      // by rolling back the write (the session waits far longer before it checks).
      const other = new pg.Client({ connectionString: origin().t.dsn });
      await other.connect();
      try {
        await other.query('BEGIN');
        await other.query("SET LOCAL deadlock_timeout = '60s'");
        const at = (hour: string) => `2026-11-22T${hour}:00:00Z`;
        await other.query(
          "SELECT 1 FROM observations WHERE source = 'deadlock' AND observed_at = $1 FOR UPDATE",
          [at('02')],
        );
        const write = origin().post('/v1/observations', [row('02', 12), row('01', 11)], { token });
        await waitForLockWait(other);
        await other.query(
          "UPDATE observations SET temperature_c = 0 WHERE source = 'deadlock' AND observed_at = $1",
          [at('01')],
        );
        const res = await write;
        const body = await json(res);
        expect(res.status, JSON.stringify(body)).toBe(503);
        expect(res.headers.get('retry-after')).toBe('1');
        expect(body).toMatchObject({
          code: 'unavailable',
          detail: expect.stringMatching(/send it again$/),
        });
      } finally {
        await other.query('ROLLBACK').catch(() => {});
        await other.end();
      }
      const again = await origin().post('/v1/observations', [row('02', 12), row('01', 11)], {
        token,
      });
      expect(await json(again)).toMatchObject({ read: 2, replaced: 2 });
    },
  );
});

/** Waits until a session of this database other than `self` waits for a lock. */
async function waitForLockWait(self: pg.Client): Promise<void> {
  const mine = (await self.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
  for (;;) {
    const { rows } = await self.query(
      `SELECT 1 FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> $1 AND wait_event_type = 'Lock'`,
      [mine],
    );
    if (rows.length > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
