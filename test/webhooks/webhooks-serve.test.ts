import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newWebhookKey, shownSecret } from '../../src/domain/webhook-signature.ts';
import { findPlaceByKey } from '../../src/store/catalog/locations.ts';
import { insertSubscription } from '../../src/store/operations/webhook-subscriptions.ts';
import { drivers } from '../support/databases.ts';
import { type ServingFixture, startServingFixture } from '../support/serving-fixture.ts';
import { issueToken, postObservations } from '../support/tokens.ts';
import { startReceiver, verified, type WebhookReceiver } from '../support/webhook-receiver.ts';

let receiver: WebhookReceiver;
beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(() => receiver.close());

// As `isobar serve` wires it: a write through the HTTP API wakes the fan-out (the change
// announcement), and the origin's own queue workers deliver.
describe.each(drivers)('webhooks from isobar serve on $name', (driver) => {
  let o: ServingFixture | undefined;
  afterAll(() => o?.dispose());

  it.skipIf(driver.skip)(
    'pushes a write through the API to a subscription, signed, and counts it',
    { timeout: 60_000 },
    async () => {
      o = await startServingFixture(driver, { WEBHOOK_ALLOW: '127.0.0.1/32' });
      const db = o.serving.db;
      const paris = (await findPlaceByKey(db, 'FR', 'paris'))!;
      const key = newWebhookKey();
      const path = `/${driver.name}`;
      await insertSubscription(db, {
        url: `${receiver.base}${path}`,
        secret: key,
        places: [paris.id],
        countries: [],
      });
      const token = await issueToken(db, 'write');
      const res = await postObservations(o.base, token, [
        {
          place: 'FR/Paris',
          source: 'metoffice',
          observed_at: new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 - 3_600_000)
            .toISOString()
            .replace('.000Z', 'Z'),
          condition: 'cloudy',
          temperature_c: 12,
        },
      ]);
      expect(res.status, await res.clone().text()).toBe(200);
      const mine = () => receiver.got.filter((r) => r.path === path);
      const end = Date.now() + 30_000;
      while (mine().length === 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
      expect(mine()).toHaveLength(1);
      const got = mine()[0]!;
      expect(verified(shownSecret(key), got)).toBe(true);
      expect(JSON.parse(got.body).data.places).toEqual([
        expect.objectContaining({ place: 'FR/Paris', uri: '/FR/Paris' }),
      ]);
      const deadline = Date.now() + 5_000;
      while (
        (await o.counter('isobar_webhook_deliveries_total', { outcome: 'delivered' })) < 1 &&
        Date.now() < deadline
      )
        await new Promise((r) => setTimeout(r, 100));
      expect(await o.counter('isobar_webhook_deliveries_total', { outcome: 'delivered' })).toBe(1);
    },
  );
});
