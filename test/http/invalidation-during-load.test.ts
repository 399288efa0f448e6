import { afterEach, describe, expect, it } from 'vitest';
import type { Place } from '../../src/domain/place.ts';
import { writeRows } from '../../src/ingest/write-path/write-rows.ts';
import { drivers } from '../support/databases.ts';
import { FIXTURE_NOW, json } from '../support/fixture.ts';
import { createProviderOrigin, type ProviderOrigin } from '../support/provider-origin.ts';

/** The fixture's place with no weather at all: its first view waits on `ensureWeather`. */
const KY = { geonamesId: 4298960, path: '/US/London-KY.json', ref: 'US/London-KY' };

/** An origin following the store's change announcements whose loads of KY wait for `release`. */
async function originHoldingKy(driver: (typeof drivers)[number]) {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  let entered!: () => void;
  const waiting = new Promise<void>((r) => (entered = r));
  const o = await createProviderOrigin(driver, undefined, {
    ensureWeather: async (place: Place) => {
      if (place.geonamesId !== KY.geonamesId) return true;
      entered();
      await gate;
      return false; // nothing fetched: the answer says it is fetching
    },
  });
  return { o, release, waiting };
}

/** A committed write of one observation, announced to every origin as any write is. */
async function writeTo(o: ProviderOrigin, place: string) {
  const row = { place, source: 'met', observed_at: '2026-11-22T10:00:00Z', condition: 'fog' };
  await writeRows(o.t.db, 'observations', [row], {
    now: new Date(FIXTURE_NOW),
    onBadRows: 'all-or-nothing',
  });
}

describe.each(drivers)('invalidation during a load on $name', (driver) => {
  let dispose: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await dispose?.();
    dispose = undefined;
  });
  /** The origin, London's answer cached in it. */
  const start = async () => {
    const held = await originHoldingKy(driver);
    dispose = async () => {
      await held.o.unfollow();
      await held.o.t.dispose();
    };
    expect((await held.o.get('/GB/London.json')).status).toBe(200);
    return held;
  };

  it.skipIf(driver.skip)(
    "caches a place's answer while another place changes under its load",
    async () => {
      const { o, release, waiting } = await start();
      const loading = o.get(KY.path);
      await waiting;
      await writeTo(o, 'GB/London');
      // The announcement has reached this origin: London's cached answer is gone.
      await expect.poll(() => o.app.cache.peek('/GB/London.json')).toBeUndefined();
      release();
      expect((await json(await loading)).fetching).toBe(true);
      expect(o.app.cache.peek(KY.path)).toBeDefined();
    },
  );

  it.skipIf(driver.skip)(
    "keeps nothing of a place's load that its own change overtook, and serves a later request the change",
    async () => {
      const { o, release, waiting } = await start();
      const early = o.get(KY.path);
      await waiting;
      await writeTo(o, KY.ref);
      await writeTo(o, 'GB/London'); // announced after KY's: once London's is in, so is KY's
      await expect.poll(() => o.app.cache.peek('/GB/London.json')).toBeUndefined();
      const late = o.get(KY.path); // asked after the change was announced
      release();
      expect((await json(await early)).fetching).toBe(true);
      const after = await json(await late);
      expect(after.fetching).toBeFalsy();
      expect(after.current.condition).toBe('fog');
      expect((await json(await o.get(KY.path))).current.condition).toBe('fog');
    },
  );
});
