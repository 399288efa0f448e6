import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type MmdbValue, writeMmdb } from './mmdb-writer.ts';

type Names = { names: { en: string } };
const named = (en: string): Names => ({ names: { en } });
const country = (iso_code: string, en: string) => ({ iso_code, ...named(en) });

function city(
  cc: string,
  countryName: string,
  name: string,
  region: string,
  latitude: number,
  longitude: number,
): MmdbValue {
  return {
    city: named(name),
    country: country(cc, countryName),
    registered_country: country(cc, countryName),
    subdivisions: [{ iso_code: region, ...named(region) }],
    location: { accuracy_radius: 20, latitude, longitude },
  };
}

function countryOnly(cc: string, countryName: string, latitude: number, longitude: number) {
  return {
    country: country(cc, countryName),
    registered_country: country(cc, countryName),
    location: { accuracy_radius: 1000, latitude, longitude },
  } satisfies MmdbValue;
}

/**
 * Networks in MaxMind's nested City format, written for these tests (not MaxMind's data): cities,
 * country-only records, a record with only a registered country, IPv4 and IPv6. 8.8.8.8 is left
 * out on purpose, so a lookup of it falls through to the next file.
 */
export const FIXTURE_NETWORKS: [string, MmdbValue][] = [
  ['81.2.69.142/31', city('GB', 'United Kingdom', 'London', 'ENG', 51.5142, -0.0931)],
  ['89.160.20.112/28', city('SE', 'Sweden', 'Linköping', 'E', 58.4167, 15.6167)],
  ['216.160.83.56/29', city('US', 'United States', 'Milton', 'WA', 47.2513, -122.3149)],
  ['175.16.199.0/24', city('CN', 'China', 'Changchun', '22', 43.88, 125.3228)],
  ['2001:480::/32', city('US', 'United States', 'San Diego', 'CA', 32.7203, -117.1552)],
  ['2a02:ff80::/29', city('DE', 'Germany', 'Berlin', 'BE', 52.5244, 13.4105)],
  ['67.43.156.0/24', countryOnly('BT', 'Bhutan', 27.5, 90.5)],
  ['202.196.224.0/20', countryOnly('PH', 'Philippines', 13, 122)],
  ['2.2.3.0/24', countryOnly('FR', 'France', 46, 2)],
  ['2001:218::/32', countryOnly('JP', 'Japan', 35.68536, 139.75309)],
  ['2001:220::/32', countryOnly('KR', 'South Korea', 37, 127.5)],
  ['2a02:d280::/29', countryOnly('CZ', 'Czechia', 49.75, 15)],
  // An anycast or satellite range: the registry's country is all that is known.
  ['45.64.0.0/24', { registered_country: country('DE', 'Germany'), traits: { is_anycast: true } }],
];

/** The address in FIXTURE_NETWORKS whose record has only a registered country. */
export const REGISTERED_ONLY_ADDRESS = '45.64.0.7';

/**
 * Writes test databases named as MaxMind's official ones in ../shared/testdata/geoip (City
 * files, their source JSON, and the two broken files), so tests can use either directory.
 */
export function writeGeoipFixtures(dir: string): void {
  const json = JSON.stringify(FIXTURE_NETWORKS.map(([network, record]) => ({ [network]: record })));
  for (const type of ['GeoIP2-City', 'GeoLite2-City']) {
    writeFileSync(
      join(dir, `${type}-Test.mmdb`),
      writeMmdb(FIXTURE_NETWORKS, { databaseType: type }),
    );
    writeFileSync(join(dir, `${type}-Test.json`), json);
  }
  const databaseType = 'GeoIP2-City';
  // Fewer nodes than the tree has: the reader takes tree records for data pointers.
  writeFileSync(
    join(dir, 'GeoIP2-City-Test-Invalid-Node-Count.mmdb'),
    writeMmdb(FIXTURE_NETWORKS, { databaseType, nodeCountError: -10 }),
  );
  // Coordinates that decode near zero, like the garbage of a misencoded double.
  writeFileSync(
    join(dir, 'GeoIP2-City-Test-Broken-Double-Format.mmdb'),
    writeMmdb(FIXTURE_NETWORKS, {
      databaseType,
      doubleBytes: (value) => {
        const bytes = Buffer.alloc(8);
        bytes.writeDoubleBE(value * 1e-60);
        return bytes;
      },
    }),
  );
}
