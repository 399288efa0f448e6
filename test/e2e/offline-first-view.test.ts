import { describe, expect, it } from 'vitest';
import { drivers } from '../support/databases.ts';
import { json } from '../support/fixture.ts';
import { closedPort } from '../support/http-origin.ts';
import { startServingFixture } from '../support/serving-fixture.ts';

// `isobar serve` as users run it (startServing), over HTTP, with no network to Open-Meteo.
describe.skipIf(drivers[0]!.skip)('isobar serve with Open-Meteo out of reach', () => {
  it('answers a place with no weather with labelled demo weather, over HTTP', async () => {
    const port = await closedPort();
    // Open-Meteo by default (no PROVIDERS), at an address that refuses connections.
    const served = await startServingFixture(drivers[0]!, {
      PROVIDERS: '',
      OPEN_METEO_URL: `http://127.0.0.1:${port}/v1/forecast`,
    });
    try {
      // London, KY: the fixture's one place without demo weather.
      const res = await fetch(`${served.base}/US/London-KY.json`);
      expect(res.status).toBe(200);
      const doc = await json(res);
      expect(doc).toMatchObject({ source: 'demo', current: { source: 'demo' } });
      expect(doc.notice).toMatch(/^Demo data/);
      const page = await (await fetch(`${served.base}/US/London-KY`)).text();
      expect(page).toContain('<strong>Demo data:</strong>');
      expect(
        await served.counter('isobar_provider_requests_total', {
          provider: 'open-meteo',
          outcome: 'network',
        }),
      ).toBe(1);
    } finally {
      await served.dispose();
    }
  });
});
