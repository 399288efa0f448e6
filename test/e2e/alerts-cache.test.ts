import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyWrite } from '../../src/ingest/write-path/apply-write.ts';
import { isDelivered } from '../../src/store/operations/change-log.ts';
import { inForceAround, londonWind } from '../support/alert-fixtures.ts';
import { drivers } from '../support/databases.ts';
import { closedPort } from '../support/http-origin.ts';
import { type ServingFixture, startServingFixture } from '../support/serving-fixture.ts';
import { HAVE_VARNISH, startVarnish, type Varnish } from '../support/varnish.ts';

const required = process.env.ISOBAR_REQUIRE_VARNISH === '1';
if (!HAVE_VARNISH && required) throw new Error('ISOBAR_REQUIRE_VARNISH=1 but no varnishd');

const URIS = ['/GB/London', '/GB/London.json', '/GB/London.txt', '/GB/London/alerts'];
const EVENT = 'Yellow Wind Warning';

// The origin as `isobar serve` wires it behind Varnish with the shipped VCL: a warning and its
// cancellation reach the shared cache through the change log, like any write.
describe.skipIf(!HAVE_VARNISH)('a weather warning in the shared cache', () => {
  let varnish: Varnish;
  let o: ServingFixture;

  beforeAll(async () => {
    const port = await closedPort();
    varnish = await startVarnish({ backendPort: port });
    o = await startServingFixture(drivers[0]!, { PORT: String(port), VARNISH_URLS: varnish.base });
  }, 90_000);

  afterAll(async () => {
    await o?.dispose();
    await varnish?.stop();
  });

  const read = async (uri: string) => {
    const res = await fetch(new URL(uri, varnish.base));
    return { body: await res.text(), edge: res.headers.get('x-isobar-edge'), status: res.status };
  };

  it('shows an alert covering London everywhere, and its cancellation purges every representation', {
    timeout: 60_000,
  }, async () => {
    const alert = inForceAround(londonWind(), Date.now());
    const issued = await applyWrite(
      o.serving.db,
      { alerts: [alert] },
      {
        now: new Date(),
        reason: 'alert',
      },
    );
    expect(issued.changes.places).toContain('GB/London');
    // Its purge delivered first (of a cache that held nothing yet), so that it cannot land between
    // a read that caches a representation and the read that should hit it.
    await expect
      .poll(() => isDelivered(o.serving.db, issued.changeId!), { timeout: 10_000 })
      .toBe(true);
    // Issued before anything was cached: every representation shows it, and Varnish keeps it.
    for (const uri of URIS) {
      await expect.poll(async () => (await read(uri)).body, { timeout: 5000 }).toContain(EVENT);
      const again = await read(uri);
      expect([uri, again.status, again.edge]).toEqual([uri, 200, 'hit']);
      expect(again.body, uri).toContain(EVENT);
    }

    const cancel = {
      ...londonWind('cancel'),
      identifier: `cancel-${Date.now()}`,
      sent: new Date(),
      references: [{ sender: alert.sender, identifier: alert.identifier, sent: alert.sent }],
    };
    const cancelled = await applyWrite(
      o.serving.db,
      { alerts: [cancel] },
      {
        now: new Date(),
        reason: 'alert',
      },
    );
    expect(cancelled.changes.places).toContain('GB/London');
    // Within 5 s every cached representation is gone from Varnish, and the next read says so.
    const deadline = Date.now() + 5000;
    const stale = async () => {
      const left: string[] = [];
      for (const uri of URIS) if ((await read(uri)).body.includes(EVENT)) left.push(uri);
      return left;
    };
    let left = await stale();
    while (left.length > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      left = await stale();
    }
    expect(left).toEqual([]);
    const alerts = JSON.parse((await read('/GB/London/alerts')).body);
    expect(alerts.alerts).toEqual([]);
  });
});
