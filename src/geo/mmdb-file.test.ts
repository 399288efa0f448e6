import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GEOIP_TESTDATA } from '../../test/support/geoip-testdata.ts';
import { defaultGeoPaths, GeoDatabaseError, openGeoDatabase } from './geo-database.ts';

// MaxMind's test databases from ../shared, or same-named ones generated where that is absent.
const testdata = GEOIP_TESTDATA;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'isobar-geo-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function rejectsNaming(paths: string[], path: string, pattern: RegExp): Promise<void> {
  const err = await openGeoDatabase(paths).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(GeoDatabaseError);
  expect((err as GeoDatabaseError).message).toContain(path);
  expect((err as GeoDatabaseError).message).toMatch(pattern);
  expect((err as GeoDatabaseError).path).toBe(path);
}

/** A copy of a test database with some bytes swapped, same length, so offsets stay valid. */
async function doctored(name: string, edit: (bytes: Buffer) => void): Promise<string> {
  const bytes = await readFile(join(testdata, name));
  edit(bytes);
  const path = join(dir, `doctored-${name}`);
  await writeFile(path, bytes);
  return path;
}

describe('geo database startup checks', () => {
  it('names a missing file, even behind a good one', async () => {
    const missing = join(dir, 'GeoLite2-City.mmdb');
    await rejectsNaming([missing], missing, /not found/);
    await rejectsNaming([defaultGeoPaths()[0] ?? '', missing], missing, /not found/);
  });

  it('names a file that is not a MaxMind database, and a directory', async () => {
    const junk = join(dir, 'junk.mmdb');
    await writeFile(junk, 'this is not a database\n'.repeat(100));
    await rejectsNaming([junk], junk, /unreadable/);
    await rejectsNaming([dir], dir, /not a file/);
  });

  it('names a truncated file', async () => {
    const whole = await readFile(defaultGeoPaths()[0] ?? '');
    const truncated = join(dir, 'truncated.mmdb');
    await writeFile(truncated, whole.subarray(0, 1 << 20));
    await rejectsNaming([truncated], truncated, /unreadable|corrupt/);
  });

  it('refuses an empty list', async () => {
    await expect(openGeoDatabase([])).rejects.toThrow(GeoDatabaseError);
  });
});

describe('geo database startup checks on broken MaxMind files', () => {
  it('refuses Invalid-Node-Count, naming the file', async () => {
    const path = join(testdata, 'GeoIP2-City-Test-Invalid-Node-Count.mmdb');
    await rejectsNaming([path], path, /corrupt/);
  });

  it('refuses a wrong node_count even when the tree it claims fits in the file', async () => {
    const path = await doctored('GeoLite2-City-Test.mmdb', (bytes) => {
      // The metadata map stores node_count as a 2-byte uint right after its key.
      const at = bytes.lastIndexOf(Buffer.from('node_count')) + 'node_count'.length;
      expect(bytes[at]).toBe(0xc2);
      bytes.writeUInt16BE(bytes.readUInt16BE(at + 1) + 100, at + 1);
    });
    await rejectsNaming([path], path, /corrupt/);
  });

  it('refuses a file whose records hold no location, as an ASN database would', async () => {
    const path = await doctored('GeoLite2-City-Test.mmdb', (bytes) => {
      for (const [key, renamed] of Object.entries({ iso_code: 'iso_cod_', latitude: 'latitud_' })) {
        for (let at = bytes.indexOf(key); at !== -1; at = bytes.indexOf(key, at + 1))
          bytes.write(renamed, at);
      }
    });
    await rejectsNaming([path], path, /no locations/);
  });

  it('opens Broken-Double-Format: it answers, only its coordinates are unusable', async () => {
    const db = await openGeoDatabase([
      join(testdata, 'GeoIP2-City-Test-Broken-Double-Format.mmdb'),
    ]);
    expect(db.lookup('81.2.69.142')).toMatchObject({
      countryCode: 'GB',
      latitude: null,
      longitude: null,
    });
  });
});
