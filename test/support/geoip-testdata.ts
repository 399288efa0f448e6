import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeGeoipFixtures } from './geoip-fixtures.ts';

const SHARED =
  process.env.ISOBAR_GEOIP_TESTDATA ??
  fileURLToPath(new URL('../../../shared/testdata/geoip/', import.meta.url));

/** Databases of the same names written by test/support/mmdb-writer.ts, for a user's clone. */
function generated(): string {
  const dir = mkdtempSync(join(tmpdir(), 'isobar-geoip-'));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  writeGeoipFixtures(dir);
  return `${dir}/`;
}

/** Whether the MaxMind test databases come from MaxMind (../shared) or were generated here. */
export const GEOIP_TESTDATA_SOURCE: 'maxmind' | 'generated' = existsSync(
  `${SHARED}GeoIP2-City-Test.mmdb`,
)
  ? 'maxmind'
  : 'generated';

/**
 * MaxMind's official test databases, beside the repository in ../shared; where that is absent
 * (a user's clone, or ISOBAR_GEOIP_TESTDATA pointing at nothing), small databases of the same
 * names and shape generated for this run, so no test has to skip.
 */
export const GEOIP_TESTDATA = GEOIP_TESTDATA_SOURCE === 'maxmind' ? SHARED : generated();
/** Always true now; kept for the tests that used to skip without ../shared. */
export const HAVE_GEOIP_TESTDATA = true;

interface TestRecord {
  country?: { iso_code?: string };
  registered_country?: { iso_code?: string };
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
