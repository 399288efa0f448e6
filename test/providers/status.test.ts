import { describe, expect, it } from 'vitest';
import { statusSchema } from '../../src/documents/document-schemas.ts';
import type { Provider } from '../../src/ingest/providers/provider.ts';
import { ProviderError } from '../../src/ingest/providers/provider-http.ts';
import { drivers } from '../support/databases.ts';
import { json } from '../support/fixture.ts';
import { hourlyAnswer } from '../support/hourly-provider.ts';
import { createProviderOrigin } from '../support/provider-origin.ts';

describe.each(drivers)('the open status on $name', (driver) => {
  it.skipIf(driver.skip)(
    "shows a provider's budget and state, and one made to fail as failing within the minute",
    async () => {
      const name = 'status-model';
      const o = await createProviderOrigin(driver, undefined, {
        providers: [{ name, dailyBudget: 100 }],
        version: '9.9.9',
      });
      try {
        let down = false;
        const provider: Provider = {
          name,
          source: name,
          dailyBudget: 100,
          async fetch(place, _previous, now) {
            if (down) throw new ProviderError('server_error', '503: down for maintenance');
            return hourlyAnswer(name, place.geonamesId, now);
          },
        };
        const london = await o.placeId('GB/London');
        const scheduler = o.scheduler(provider, [london]);
        expect((await scheduler.tick()).outcomes).toEqual({ ok: 1 });

        const res = await o.get('/v1/status');
        expect(res.status).toBe(200);
        expect(res.headers.get('cdn-cache-control')).toBe('public, max-age=60');
        const before = statusSchema.parse(await json(res));
        expect(before.version).toBe('9.9.9');
        expect(before.providers).toEqual([
          expect.objectContaining({
            name,
            state: 'ok',
            last_success_at: new Date(o.clock.now).toISOString(),
            last_error: null,
            places_failing: 0,
            budget: { daily: 100, used: 1, left: 99 },
          }),
        ]);
        expect(before.changes.latest).toMatch(/^\/v1\/changes\?after=\d+$/);

        // The provider fails at its next update; once the status's minute is over, it says so.
        down = true;
        o.advance(2 * 3_600_000);
        expect((await scheduler.tick()).outcomes).toEqual({ server_error: 1 });
        const after = statusSchema.parse(await o.getJson('/v1/status'));
        expect(after.providers[0]).toMatchObject({
          state: 'failing',
          last_failure_at: new Date(o.clock.now).toISOString(),
          last_error: expect.stringContaining('503'),
          places_failing: 1,
        });
        expect(after.providers[0]!.budget.used).toBe(2);
        // The page says it in words, from the same facts.
        const page = await (await o.get('/status')).text();
        expect(page).toContain('<strong>status-model is failing</strong>');
        expect(page).toContain('503: down for maintenance');
        expect(page).toContain('98 of 100');
      } finally {
        await o.unfollow();
        await o.t.dispose();
      }
    },
    60_000,
  );
});
