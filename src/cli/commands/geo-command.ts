import type { Config } from '../../config/env.ts';
import { placePath } from '../../contract/uris/place-uri.ts';
import {
  DBIP_ATTRIBUTION,
  defaultGeoPaths,
  type GeoDatabase,
  openGeoDatabase,
} from '../../geo/geo-database.ts';
import { locateAddress } from '../../geo/locate.ts';
import { openDatabase } from '../../store/index.ts';

/** The configured geolocation files (GEOIP_DB), or the bundled DB-IP City Lite pair. */
export function geoPaths(config: Config): string[] {
  return config.GEOIP_DB ?? defaultGeoPaths();
}

/** The credit HTML pages must show for the geolocation data in use. */
export function geoCredits(config: Config): string[] {
  return config.GEOIP_DB ? [] : [DBIP_ATTRIBUTION];
}

/**
 * `isobar geo <ip>`: what the database says about an address, and the place a visitor would land
 * on.
 */
export async function geoCommand(config: Config, ip: string): Promise<number> {
  const geo: GeoDatabase = await openGeoDatabase(geoPaths(config));
  for (const file of geo.describe())
    console.log(`database: ${file.path} (${file.databaseType}, built ${file.buildEpoch})`);
  const db = await openDatabase(config.dsn);
  try {
    const { hit, place } = await locateAddress(db, geo, ip);
    console.log(`record:   ${JSON.stringify(hit)}`);
    console.log(
      place
        ? `place:    ${placePath(place)} (${place.name}, ${place.countryName})`
        : 'place:    none (a visitor would get the fallback)',
    );
    return place ? 0 : 1;
  } finally {
    await db.close();
  }
}
