import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GEOIP_TESTDATA } from '../../test/support/geoip-testdata.ts';
import { GeoDatabaseError, openGeoDatabaseWhenNeeded } from './geo-database.ts';

const dirs: string[] = [];
/** A copy of one of MaxMind's test databases, in a directory of its own. */
function copyOf(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'isobar-geo-lazy-'));
  dirs.push(dir);
  const path = join(dir, name);
  copyFileSync(join(GEOIP_TESTDATA, name), path);
  return path;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const LONDON = '81.2.69.142'; // in GeoIP2-City-Test: London, ENG

describe('a geolocation database read when needed', () => {
  it('answers as the files say, and describes them before any lookup', async () => {
    const path = copyOf('GeoIP2-City-Test.mmdb');
    const geo = await openGeoDatabaseWhenNeeded([path]);
    expect(geo.describe()).toEqual([
      expect.objectContaining({ path, databaseType: 'GeoIP2-City', ipVersion: 6 }),
    ]);
    expect(geo.lookup(LONDON)).toMatchObject({ city: 'London', region: 'ENG' });
    expect(geo.lookup('10.0.0.1')).toBeNull();
  });

  it('reads a file at its first lookup, not at the start', async () => {
    const path = copyOf('GeoIP2-City-Test.mmdb');
    const geo = await openGeoDatabaseWhenNeeded([path]);
    // Had the file been kept from the start, it would still answer; it is read now, as garbage.
    writeFileSync(path, 'not a database');
    expect(geo.lookup(LONDON)).toBeNull();
  });

  it('reads a later file only for an address the earlier ones do not know', async () => {
    const first = copyOf('GeoIP2-City-Test.mmdb');
    const second = copyOf('GeoLite2-City-Test.mmdb');
    const geo = await openGeoDatabaseWhenNeeded([first, second]);
    rmSync(second);
    expect(geo.lookup(LONDON)).toMatchObject({ city: 'London' });
  });

  it('refuses a missing or corrupt file at the start, naming it', async () => {
    const missing = join(tmpdir(), 'isobar-no-such-file.mmdb');
    await expect(openGeoDatabaseWhenNeeded([missing])).rejects.toThrow(
      new GeoDatabaseError(`GeoIP database not found: ${missing}`, missing),
    );
    const corrupt = copyOf('GeoIP2-City-Test-Invalid-Node-Count.mmdb');
    const refusal = await openGeoDatabaseWhenNeeded([corrupt]).catch((err: unknown) => err);
    expect(refusal).toBeInstanceOf(GeoDatabaseError);
    expect(refusal).toMatchObject({ path: corrupt, message: expect.stringContaining('corrupt') });
  });
});

describe('an address that is nowhere on the map', () => {
  it.each(['127.0.0.1', '10.1.2.3', '192.168.0.9', '::1', 'fe80::1', 'fd00::5'])(
    '%s asks no file, so reads none',
    async (address) => {
      const path = copyOf('GeoIP2-City-Test.mmdb');
      const geo = await openGeoDatabaseWhenNeeded([path]);
      rmSync(path);
      expect(geo.lookup(address)).toBeNull();
      copyFileSync(join(GEOIP_TESTDATA, 'GeoIP2-City-Test.mmdb'), path);
      expect(geo.lookup(LONDON)).toMatchObject({ city: 'London' }); // read only now
    },
  );
});
