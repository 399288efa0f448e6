import { readFile } from 'node:fs/promises';
import { BlockList } from 'node:net';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { GEOIP_TESTDATA } from '../../test/support/geoip-testdata.ts';
import { defaultGeoPaths, type GeoHit, openGeoDatabase } from './geo-database.ts';

// MaxMind's test databases from ../shared, or same-named ones generated where that is absent.
const testdata = GEOIP_TESTDATA;
const file = (name: string) => join(testdata, name);

interface Case {
  network: string;
  address: string;
  expected: GeoHit | null;
  hasCity: boolean;
}

/**
 * One case per network in MaxMind's source JSON whose first address no other,
 * different network also covers, so the answer does not depend on how the writer
 * merged overlaps. The expected hit is read straight from that network's record.
 */
async function casesFrom(jsonName: string): Promise<Case[]> {
  const entries = (
    JSON.parse(await readFile(file(jsonName), 'utf8')) as Record<string, Rec>[]
  ).flatMap((e) => Object.entries(e));
  // Both files keep IPv4 in ::/96 of an IPv6 tree; compare everything there.
  const inV6 = (network: string) => {
    const [address = '', prefix = ''] = network.split('/');
    return address.includes(':')
      ? { address, prefix: Number(prefix) }
      : { address: `::${address}`, prefix: Number(prefix) + 96 };
  };
  const networks = entries.map(([network, record]) => {
    const { address, prefix } = inV6(network);
    const list = new BlockList();
    list.addSubnet(address, prefix, 'ipv6');
    return { network, address, prefix, record, list };
  });
  return networks
    .filter((n) => {
      const covering = new Set(
        networks
          .filter((o) => o.list.check(n.address, 'ipv6'))
          .map((o) => JSON.stringify(o.record)),
      );
      return covering.size === 1;
    })
    .map((n) => ({
      network: n.network,
      address: n.prefix >= 96 && /^::\d/.test(n.address) ? n.address.slice(2) : n.address,
      expected: expectedHit(n.record),
      hasCity: n.record.city?.names?.en !== undefined,
    }));
}

interface Rec {
  country?: { iso_code?: string };
  registered_country?: { iso_code?: string };
  city?: { names?: { en?: string } };
  subdivisions?: { iso_code?: string }[];
  location?: { latitude?: number; longitude?: number };
}

function expectedHit(r: Rec): GeoHit | null {
  const countryCode = r.country?.iso_code ?? r.registered_country?.iso_code ?? null;
  const latitude = r.location?.latitude ?? null;
  if (countryCode === null && latitude === null) return null;
  const city = r.city?.names?.en ?? null;
  const region = r.subdivisions?.[0]?.iso_code ?? null;
  return { countryCode, city, region, latitude, longitude: r.location?.longitude ?? null };
}

describe('geo database on MaxMind test databases', () => {
  describe.each(['GeoIP2-City', 'GeoLite2-City'])('%s-Test', (name) => {
    let cases: Case[];
    beforeAll(async () => {
      cases = await casesFrom(`${name}-Test.json`);
    });

    it('answers every unambiguous network as its source JSON says', async () => {
      const db = await openGeoDatabase([file(`${name}-Test.mmdb`)]);
      for (const c of cases)
        expect(db.lookup(c.address), `${c.network} via ${c.address}`).toEqual(c.expected);
      const hits = cases.filter((c) => c.expected);
      // Guard against a filter that quietly leaves nothing to compare.
      expect(
        hits.filter((c) => c.hasCity && c.expected?.latitude !== null).length,
      ).toBeGreaterThanOrEqual(5);
      expect(
        hits.filter((c) => !c.hasCity && c.expected?.countryCode).length,
      ).toBeGreaterThanOrEqual(5);
      expect(hits.filter((c) => !c.address.includes(':')).length).toBeGreaterThanOrEqual(3);
      expect(hits.filter((c) => c.address.includes(':')).length).toBeGreaterThanOrEqual(3);
    });

    it('describes the file it opened', async () => {
      const db = await openGeoDatabase([file(`${name}-Test.mmdb`)]);
      expect(db.describe()).toEqual([
        expect.objectContaining({
          path: file(`${name}-Test.mmdb`),
          databaseType: name,
          ipVersion: 6,
        }),
      ]);
      expect(Date.parse(db.describe()[0]?.buildEpoch ?? '')).toBeGreaterThan(
        Date.parse('2015-01-01'),
      );
    });
  });

  it('lets the first file that knows an address answer, and falls through to the next', async () => {
    const [dbipV4 = ''] = defaultGeoPaths();
    const maxmindFirst = await openGeoDatabase([file('GeoIP2-City-Test.mmdb'), dbipV4]);
    expect(maxmindFirst.lookup('81.2.69.142')).toMatchObject({
      city: 'London',
      region: 'ENG',
      latitude: 51.5142,
    });
    expect(maxmindFirst.lookup('8.8.8.8')).toMatchObject({ countryCode: 'US' });
    const dbipFirst = await openGeoDatabase([dbipV4, file('GeoIP2-City-Test.mmdb')]);
    expect(dbipFirst.lookup('81.2.69.142')).toMatchObject({ countryCode: 'GB', region: 'England' });
  });

  it('drops the garbage coordinates of Broken-Double-Format, keeping the country', async () => {
    const db = await openGeoDatabase([file('GeoIP2-City-Test-Broken-Double-Format.mmdb')]);
    const cases = await casesFrom('GeoIP2-City-Test.json');
    const hits = cases.flatMap((c) => {
      const hit = db.lookup(c.address);
      return hit ? [{ hit, expected: c.expected }] : [];
    });
    expect(hits.length).toBeGreaterThanOrEqual(10);
    for (const { hit, expected } of hits) {
      expect(hit).toMatchObject({
        latitude: null,
        longitude: null,
        countryCode: expected?.countryCode,
      });
    }
  });
});
