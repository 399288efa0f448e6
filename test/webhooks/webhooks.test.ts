import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseCidrList } from '../../src/domain/networks.ts';
import { newWebhookKey, shownSecret } from '../../src/domain/webhook-signature.ts';
import { findPlaceByKey } from '../../src/store/catalog/locations.ts';
import { statement } from '../../src/store/index.ts';
import {
  findSubscription,
  insertSubscription,
} from '../../src/store/operations/webhook-subscriptions.ts';
import { webhookAddressCheck } from '../../src/webhooks/webhook-policy.ts';
import { checkedAddresses } from '../../src/webhooks/webhook-sender.ts';
import { startWebhookService, type WebhookService } from '../../src/webhooks/webhook-service.ts';
import { drivers } from '../support/databases.ts';
import { issueToken } from '../support/tokens.ts';
import { startReceiver, verified } from '../support/webhook-receiver.ts';
import { observation as obs, useWriteOrigin } from '../support/write-origin.ts';

async function until(what: string, done: () => boolean | Promise<boolean>, ms = 30_000) {
  const end = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > end) throw new Error(`still waiting for ${what} after ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const rewind = statement('test_webhook_rewind', 'UPDATE webhook_fanout SET seq = 0');

describe.each(drivers)('webhooks on $name', (driver) => {
  const origin = useWriteOrigin(driver);
  const it_ = it.skipIf(driver.skip);
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let service: WebhookService | undefined;
  const warnings: string[] = [];
  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(() => receiver.close());
  afterEach(async () => {
    await service?.stop();
    service = undefined;
  });

  const start = async (
    extra: { retries?: number; disableAfter?: number; allow?: string; timeoutMs?: number } = {},
  ) => {
    service = await startWebhookService({
      db: origin().t.db,
      connection: origin().t.db.queue!,
      check: webhookAddressCheck(parseCidrList(extra.allow ?? '127.0.0.1/32')),
      retries: extra.retries ?? 2,
      retryDelaySeconds: 1,
      disableAfter: extra.disableAfter ?? 1,
      timeoutMs: extra.timeoutMs ?? 2_000,
      log: { warn: (_, m) => warnings.push(m), error: (_, m) => warnings.push(m) },
      pollingIntervalSeconds: 0.5,
      pollMs: 60_000,
    });
    return service;
  };

  const subscribe = async (path: string, places: string[]) => {
    const db = origin().t.db;
    const ids: number[] = [];
    for (const p of places) {
      const [cc, key] = p.split('/');
      ids.push((await findPlaceByKey(db, cc!, key!.toLowerCase()))!.id);
    }
    const key = newWebhookKey();
    const sub = await insertSubscription(db, {
      url: `${receiver.base}${path}`,
      secret: key,
      places: ids,
      countries: [],
    });
    return { sub, secret: shownSecret(key) };
  };

  it_(
    'delivers a write once, signed, listing exactly the places written that it follows',
    async () => {
      const o = origin();
      const s = await start();
      const { sub, secret } = await subscribe('/ok', ['FR/Paris', 'DE/Munchen']);
      const token = await issueToken(o.t.db, 'write');
      const rows = [obs('DE/Munchen'), obs('FR/Paris'), obs('US/New-York-City')];
      expect((await o.post('/v1/observations', rows, { token })).status).toBe(200);
      await s.fanOut();
      const mine = () => receiver.got.filter((r) => r.path === '/ok');
      await until('the delivery', () => mine().length >= 1);
      // Fanned out again from the start, as a second origin (or one restarted before it moved
      // the position on) would: the queue takes the same message once.
      await o.t.db.run(rewind);
      await s.fanOut();
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      expect(mine()).toHaveLength(1);
      const [got] = mine();
      expect(verified(secret, got!)).toBe(true);
      expect(verified(shownSecret(newWebhookKey()), got!)).toBe(false);
      expect(got!.headers['content-type']).toBe('application/json');
      const body = JSON.parse(got!.body);
      expect(body.type).toBe('places.changed');
      expect(body.data.reason).toBe('write');
      expect(body.data.places.map((p: { place: string }) => p.place).sort()).toEqual([
        'DE/Munchen',
        'FR/Paris',
      ]);
      expect(body.data.places[0].days).toContain('2026-11-22');
      // The same entry the change feed lists.
      const feed = await o.getJson(`/v1/changes?after=${Number(body.data.cursor) - 1}`);
      expect(feed.changes[0].cursor).toBe(body.data.cursor);
      const after = (await findSubscription(o.t.db, sub.id))!;
      expect(after).toMatchObject({ failures: 0, lastOutcome: 'HTTP 204', disabledAt: null });
    },
    60_000,
  );

  it_(
    'retries a receiver that fails, waiting longer each time, then disables the subscription',
    async () => {
      const o = origin();
      const s = await start({ retries: 2, disableAfter: 1 });
      const { sub } = await subscribe('/fail', ['GB/Manchester']);
      const token = await issueToken(o.t.db, 'write');
      expect((await o.post('/v1/observations', [obs('GB/Manchester')], { token })).status).toBe(
        200,
      );
      await s.fanOut();
      const mine = () => receiver.got.filter((r) => r.path === '/fail');
      await until('three attempts', () => mine().length >= 3, 40_000);
      await until(
        'the subscription disabled',
        async () => (await findSubscription(o.t.db, sub.id))!.disabledAt !== null,
      );
      const attempts = mine();
      expect(attempts).toHaveLength(3);
      // One message: the same id on every attempt.
      expect(new Set(attempts.map((a) => a.headers['webhook-id'])).size).toBe(1);
      // pg-boss's backoff: 1–2 s, then 2–4 s (retryDelay 1 s, doubled, with jitter).
      const first = attempts[1]!.at - attempts[0]!.at;
      const second = attempts[2]!.at - attempts[1]!.at;
      expect(first).toBeGreaterThanOrEqual(900);
      expect(second).toBeGreaterThanOrEqual(1_900);
      const after = (await findSubscription(o.t.db, sub.id))!;
      expect(after.failures).toBe(1);
      expect(after.disabledReason).toMatch(/failed after every retry \(the last: HTTP 500\)/);
      expect(after.lastOutcome).toBe('HTTP 500 (after 3 attempts)');
      expect(warnings.some((w) => /subscription was disabled/.test(w))).toBe(true);
      // A disabled subscription is pushed nothing more.
      expect((await o.post('/v1/observations', [obs('GB/Manchester')], { token })).status).toBe(
        200,
      );
      await s.fanOut();
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(mine()).toHaveLength(3);
    },
    60_000,
  );

  it_(
    'leaves a retry on the queue for the next process when one stops',
    async () => {
      const o = origin();
      const first = await start({ retries: 3, disableAfter: 5 });
      const { sub, secret } = await subscribe(`/flaky-${driver.name}`, ['NZ/Nelson']);
      const token = await issueToken(o.t.db, 'write');
      expect((await o.post('/v1/observations', [obs('NZ/Nelson')], { token })).status).toBe(200);
      await first.fanOut();
      const mine = () => receiver.got.filter((r) => r.path === `/flaky-${driver.name}`);
      await until('the first attempt', () => mine().length >= 1);
      await first.stop();
      service = undefined;
      const attempted = (await findSubscription(o.t.db, sub.id))!;
      expect(attempted.lastOutcome).toBe('HTTP 500');
      // A process started later works the retry (its fan-out finds nothing new to queue).
      await start({ retries: 3, disableAfter: 5 });
      await until('the retry', () => mine().length >= 2);
      const [failed, retried] = mine();
      expect(retried!.headers['webhook-id']).toBe(failed!.headers['webhook-id']);
      expect(retried!.body).toBe(failed!.body);
      expect(verified(secret, retried!)).toBe(true);
      await until(
        'the success recorded',
        async () => (await findSubscription(o.t.db, sub.id))!.lastOutcome === 'HTTP 204',
      );
      expect((await findSubscription(o.t.db, sub.id))!.failures).toBe(0);
    },
    60_000,
  );

  it_(
    'checks the address again at each delivery, and sends nothing where it is no longer allowed',
    async () => {
      const o = origin();
      // WEBHOOK_ALLOW no longer lists 127.0.0.1 when the delivery is made.
      const s = await start({ retries: 0, disableAfter: 1, allow: '10.0.0.0/8' });
      const { sub } = await subscribe(`/refused-${driver.name}`, ['GB/Greenwich']);
      const token = await issueToken(o.t.db, 'write');
      expect((await o.post('/v1/observations', [obs('GB/Greenwich')], { token })).status).toBe(200);
      await s.fanOut();
      await until(
        'the subscription disabled',
        async () => (await findSubscription(o.t.db, sub.id))!.disabledAt !== null,
      );
      expect((await findSubscription(o.t.db, sub.id))!.lastOutcome).toBe(
        '127.0.0.1 is a private, loopback or otherwise special-purpose address; WEBHOOK_ALLOW does not list it (after 1 attempt)',
      );
      expect(receiver.got.filter((r) => r.path === `/refused-${driver.name}`)).toEqual([]);
    },
    60_000,
  );

  it_(
    'gives up on a receiver that does not answer in time',
    async () => {
      const o = origin();
      const s = await start({ retries: 0, disableAfter: 1, timeoutMs: 500 });
      const { sub } = await subscribe(`/slow-${driver.name}`, ['GB/London']);
      const token = await issueToken(o.t.db, 'write');
      expect((await o.post('/v1/observations', [obs('GB/London')], { token })).status).toBe(200);
      await s.fanOut();
      await until(
        'the subscription disabled',
        async () => (await findSubscription(o.t.db, sub.id))!.disabledAt !== null,
      );
      expect(receiver.got.filter((r) => r.path === `/slow-${driver.name}`)).toHaveLength(1);
      expect((await findSubscription(o.t.db, sub.id))!.lastOutcome).toBe(
        'no answer within 500 ms (after 1 attempt)',
      );
    },
    60_000,
  );
});

describe('webhook addresses', () => {
  const none = webhookAddressCheck([]);
  it('refuses loopback, private, link-local and shared addresses unless WEBHOOK_ALLOW lists them', async () => {
    for (const host of [
      '127.0.0.1',
      '10.1.2.3',
      '192.168.0.9',
      '169.254.169.254',
      '100.64.0.1',
      '[::1]',
      '[fd00::1]',
      '0.0.0.0',
    ]) {
      await expect(checkedAddresses(new URL(`https://${host}/hook`), none)).rejects.toThrow(
        /private, loopback or otherwise special-purpose address; WEBHOOK_ALLOW does not list it/,
      );
    }
    const allowed = webhookAddressCheck(parseCidrList('127.0.0.1/32,10.0.0.0/8'));
    await expect(checkedAddresses(new URL('http://127.0.0.1:9/hook'), allowed)).resolves.toEqual([
      { address: '127.0.0.1', family: 4 },
    ]);
    await expect(checkedAddresses(new URL('http://10.1.2.3/hook'), allowed)).resolves.toHaveLength(
      1,
    );
    await expect(
      checkedAddresses(
        new URL('http://10.1.2.3/hook'),
        webhookAddressCheck(parseCidrList('127.0.0.1')),
      ),
    ).rejects.toThrow(/10\.1\.2\.3/);
  });

  it('takes plain http only to addresses WEBHOOK_ALLOW lists', async () => {
    await expect(checkedAddresses(new URL('http://93.184.215.14/hook'), none)).rejects.toThrow(
      /plain http is allowed only to addresses WEBHOOK_ALLOW lists/,
    );
    await expect(
      checkedAddresses(new URL('https://93.184.215.14/hook'), none),
    ).resolves.toHaveLength(1);
  });

  it('checks every address a name resolves to', async () => {
    // localhost resolves (from /etc/hosts) to loopback addresses only.
    await expect(checkedAddresses(new URL('https://localhost/hook'), none)).rejects.toThrow(
      /special-purpose/,
    );
  });
});
