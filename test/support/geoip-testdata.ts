import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * MaxMind's official test databases, beside the repository in ../shared (absent in a user's
 * clone); ISOBAR_GEOIP_TESTDATA points elsewhere, or at nothing to try the suite as a clone.
 */
export const GEOIP_TESTDATA =
  process.env.ISOBAR_GEOIP_TESTDATA ??
  fileURLToPath(new URL('../../../shared/testdata/geoip/', import.meta.url));
export const HAVE_GEOIP_TESTDATA = existsSync(`${GEOIP_TESTDATA}GeoIP2-City-Test.mmdb`);
if (!HAVE_GEOIP_TESTDATA)
  console.warn(
    `[isobar tests] ${GEOIP_TESTDATA} not found: tests on MaxMind's test databases are skipped`,
  );

interface TestRecord {
  country?: { iso_code?: string };
  city?: { names?: { en?: string } };
  location?: { latitude?: number; longitude?: number };
}

/** The networks of a test database's source JSON with their records: the expected answers. */
export function testNetworks(name = 'GeoIP2-City-Test'): [string, TestRecord][] {
  const entries = JSON.parse(readFileSync(`${GEOIP_TESTDATA}${name}.json`, 'utf8')) as Record<
    string,
    TestRecord
  >[];
  return entries.flatMap((e) => Object.entries(e));
}

/** The first address of a network written as CIDR. */
export const firstAddress = (network: string) => network.split('/')[0]!;
