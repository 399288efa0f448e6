import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/env.ts';
import {
  type ProviderService,
  startProviderService,
} from '../../src/ingest/scheduling/refresh-service.ts';
import { HAVE_CHROMIUM, launchBrowser } from '../support/browser.ts';
import { drivers } from '../support/databases.ts';
import { type FakeUpstream, startFakeUpstream } from '../support/fake-upstream.ts';
import { FIXTURE_PLACES } from '../support/fixture.ts';
import { type HttpOrigin, listenHttp } from '../support/http-origin.ts';
import { openMeteoBody } from '../support/provider-bodies.ts';
import { createProviderOrigin, type ProviderOrigin, TROMSO } from '../support/provider-origin.ts';

describe.skipIf(!HAVE_CHROMIUM || drivers[0]!.skip)('a first view in a real Chromium', () => {
  let o: ProviderOrigin;
  let service: ProviderService;
  let upstream: FakeUpstream;
  let http: HttpOrigin;

  beforeAll(async () => {
    upstream = await startFakeUpstream('/v1/forecast');
    o = await createProviderOrigin(drivers[0]!, (cc, key) => service?.onPlaceView(cc, key), {
      places: [...FIXTURE_PLACES.filter((p) => p.population > TROMSO.population), TROMSO],
      ensureWeather: (place, held) => service.ensureWeather!(place, held),
    });
    // Open-Meteo answers after the first view's deadline: the page says it is fetching.
    upstream.answer(() => ({
      status: 200,
      body: openMeteoBody(new Date(o.clock.now)),
      delayMs: 800,
    }));
    service = await startProviderService({
      db: o.t.db,
      config: loadConfig({ OPEN_METEO_URL: upstream.url }),
      log: o.log,
      metrics: o.metrics,
      now: () => o.clock.now,
      firstViewDeadlineMs: 50,
    });
    http = await listenHttp(o.app);
  }, 60_000);
  afterAll(async () => {
    await http?.close();
    await service?.stop();
    await upstream?.close();
    await o?.unfollow();
    await o?.t.dispose();
  });

  it('the "fetching" page reloads itself into the weather', { timeout: 60_000 }, async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      await page.goto(`${http.base}/NO/Tromso`);
      expect(await page.textContent('main')).toContain('Fetching the weather for Tromsø now');
      // No click, no script of the test's: the page's own refresh brings the data.
      await page.waitForSelector('text=Weather data by Open-Meteo.com', { timeout: 30_000 });
      expect(await page.textContent('main')).not.toContain('Fetching the weather');
      expect(upstream.requests).toHaveLength(1);
    } finally {
      await browser.close();
    }
  });
});
