import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { open } from 'maxmind';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGeoDatabase } from '../../src/geo/geo-database.ts';
import { locateAddress } from '../../src/geo/locate.ts';
import { drivers } from '../support/databases.ts';
import { createTestOrigin, FIXTURE_PLACES, type TestOrigin } from '../support/fixture.ts';
import {
  FIXTURE_NETWORKS,
  REGISTERED_ONLY_ADDRESS,
  writeGeoipFixtures,
} from '../support/geoip-fixtures.ts';

// These run on the generated files even where ../shared has MaxMind's, so the writer that
// stands in for them in a user's clone is itself tested everywhere.
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'isobar-mmdb-'));
  writeGeoipFixtures(dir);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const file = (name: string) => join(dir, name);
const firstAddress = (network: string) => network.split('/')[0] ?? '';

describe('generated MaxMind databases', () => {
  it('read back, through the maxmind reader, every record as written', async () => {
    const reader = await open(file('GeoIP2-City-Test.mmdb'));
    expect(reader.metadata).toMatchObject({ databaseType: 'GeoIP2-City', ipVersion: 6 });
    for (const [network, record] of FIXTURE_NETWORKS) {
      expect(reader.get(firstAddress(network)), network).toEqual(record);
      const [, prefix] = reader.getWithPrefixLength(firstAddress(network));
      const bits = Number(network.split('/')[1]);
      expect(prefix, network).toBe(bits);
    }
    expect(reader.get('8.8.8.8')).toBeNull();
    expect(reader.get('2001:db8::1')).toBeNull();
  });

  it("answer through the app's geo database, registered country standing in for a missing one", async () => {
    const db = await openGeoDatabase([file('GeoLite2-City-Test.mmdb')]);
    expect(db.lookup('81.2.69.143')).toEqual({
      countryCode: 'GB',
      city: 'London',
      region: 'ENG',
      latitude: 51.5142,
      longitude: -0.0931,
    });
    expect(db.lookup('2001:218::42')).toMatchObject({ countryCode: 'JP', city: null });
    expect(db.lookup(REGISTERED_ONLY_ADDRESS)).toEqual({
      countryCode: 'DE',
      city: null,
      region: null,
      latitude: null,
      longitude: null,
    });
  });

  it('include a file with a wrong node_count, refused, and one with garbage doubles', async () => {
    const bad = file('GeoIP2-City-Test-Invalid-Node-Count.mmdb');
    await expect(openGeoDatabase([bad])).rejects.toThrow(/corrupt/);
    const broken = await openGeoDatabase([file('GeoIP2-City-Test-Broken-Double-Format.mmdb')]);
    expect(broken.lookup('81.2.69.142')).toMatchObject({
      countryCode: 'GB',
      latitude: null,
      longitude: null,
    });
  });
});

describe.each(drivers)(
  'first-visit location from a registered country only, on $name',
  (driver) => {
    let o: TestOrigin | undefined;
    beforeAll(async () => {
      if (!driver.skip) o = await createTestOrigin(driver);
    });
    afterAll(() => o?.t.dispose());

    it.skipIf(driver.skip)("lands on the registered country's most populous place", async () => {
      const geo = await openGeoDatabase([file('GeoIP2-City-Test.mmdb')]);
      const { place } = await locateAddress(o!.t.db, geo, REGISTERED_ONLY_ADDRESS);
      const [largest] = FIXTURE_PLACES.filter((p) => p.countryCode === 'DE').sort(
        (a, b) => b.population - a.population,
      );
      expect(place?.name).toBe(largest?.name);
      expect(place?.countryCode).toBe('DE');
    });
  },
);
