import { randomBytes } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Reader, type Response } from 'maxmind';
import { afterAll, describe, expect, it } from 'vitest';
import { GEOIP_TESTDATA } from '../../test/support/geoip-testdata.ts';
import { defaultGeoPaths } from './geo-database.ts';
import { openMmdbOnDisk } from './mmdb-on-disk.ts';

/** Addresses spread over the whole space, the same on every run (a seeded walk, not Math.random). */
function addresses(family: 4 | 6, count: number, seed: number): string[] {
  let state = seed;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state;
  };
  return Array.from({ length: count }, () => {
    if (family === 4) return [next() % 224, next() % 256, next() % 256, next() % 256].join('.');
    const groups = Array.from({ length: 8 }, (_, i) => (i < 4 ? next() % 0x10000 : next() % 256));
    groups[0] = 0x2000 + (groups[0]! % 0x1000); // global unicast, where the data is
    return groups.map((g) => g.toString(16)).join(':');
  });
}

/** Both readers' answer to each address, for a failure that names the first that differs. */
function compare(path: string, sample: string[]) {
  const whole = new Reader<Response>(readFileSync(path));
  const onDisk = openMmdbOnDisk(path);
  try {
    const differing = sample.filter(
      (ip) => JSON.stringify(onDisk.get(ip)) !== JSON.stringify(whole.get(ip)),
    );
    const found = sample.filter((ip) => whole.get(ip) !== null).length;
    return { differing, found };
  } finally {
    onDisk.close();
  }
}

describe('a .mmdb file read on disk answers as maxmind reads it whole', () => {
  const [ipv4File, ipv6File] = defaultGeoPaths();

  it('for 5,000 IPv4 addresses in the bundled DB-IP IPv4 file', () => {
    const { differing, found } = compare(ipv4File!, addresses(4, 5000, 7));
    expect(differing).toEqual([]);
    expect(found).toBeGreaterThan(2500); // most of the sample is on the map: records compared
  });

  it('for 3,000 IPv6 and 2,000 IPv4 addresses in the bundled DB-IP IPv6 file', () => {
    const sample = [...addresses(6, 3000, 11), ...addresses(4, 2000, 13)];
    const { differing, found } = compare(ipv6File!, sample);
    expect(differing).toEqual([]);
    expect(found).toBeGreaterThan(1000);
  });

  // Each with the list of networks sampled (the broken file is the City test file with its
  // doubles' sizes wrong).
  const testFiles = [
    ['GeoIP2-City-Test.mmdb', 'GeoIP2-City-Test.json'],
    ['GeoLite2-City-Test.mmdb', 'GeoLite2-City-Test.json'],
    ['GeoIP2-City-Test-Broken-Double-Format.mmdb', 'GeoIP2-City-Test.json'],
  ] as const;
  const shared = existsSync(join(GEOIP_TESTDATA, testFiles[0][0]));
  it.skipIf(!shared)(
    `for every network MaxMind's test files list (skipped where ../shared/testdata is absent)`,
    () => {
      for (const [name, networks] of testFiles) {
        const path = join(GEOIP_TESTDATA, name);
        const listed = JSON.parse(readFileSync(join(GEOIP_TESTDATA, networks), 'utf8')) as Record<
          string,
          unknown
        >[];
        const sample = listed.flatMap((entry) =>
          Object.keys(entry).map((network) => network.split('/')[0]!),
        );
        const { differing, found } = compare(path, [...sample, '81.2.69.142', '::1']);
        expect(differing, name).toEqual([]);
        expect(found, name).toBeGreaterThan(10);
      }
    },
  );

  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a file that is not a MaxMind DB, and a damaged record costs only that lookup', () => {
    const dir = mkdtempSync(join(tmpdir(), 'isobar-mmdb-on-disk-'));
    dirs.push(dir);
    const garbage = join(dir, 'garbage.mmdb');
    writeFileSync(garbage, randomBytes(300_000));
    expect(() => openMmdbOnDisk(garbage)).toThrow(/metadata marker/);

    // The data section overwritten with noise: lookups throw (the caller turns that into no
    // guess) rather than answer from garbage as a record.
    const damaged = join(dir, 'damaged.mmdb');
    copyFileSync(ipv4File!, damaged);
    const bytes = readFileSync(damaged);
    bytes.fill(0xff, bytes.length - 20_000_000, bytes.length - 200_000);
    writeFileSync(damaged, bytes);
    const reader = openMmdbOnDisk(damaged);
    try {
      const answers = addresses(4, 200, 17).map((ip) => {
        try {
          return reader.get(ip) === null ? 'none' : 'record';
        } catch {
          return 'refused';
        }
      });
      expect(answers).toContain('refused');
    } finally {
      reader.close();
    }
  });
});
