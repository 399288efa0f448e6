import { open as fsOpen, stat } from 'node:fs/promises';
import { open, type Reader, type Response } from 'maxmind';
import { toGeoHit } from './geo-record.ts';
import { probeRecords } from './mmdb-probe.ts';

/** A geolocation database that cannot be used; the message names the file, for the startup log. */
export class GeoDatabaseError extends Error {
  override name = 'GeoDatabaseError';
  readonly path: string;
  constructor(message: string, path: string, options?: { cause?: unknown }) {
    super(message, options);
    this.path = path;
  }
}

/** What the `geo` command shows about one file. */
export interface GeoFileInfo {
  path: string;
  databaseType: string;
  /** ISO 8601, when the file was built: how stale the guesses are. */
  buildEpoch: string;
  ipVersion: 4 | 6;
  nodeCount: number;
}

export interface MmdbFile {
  readonly reader: Reader<Response>;
  readonly info: GeoFileInfo;
}

const SEPARATOR_BYTES = 16;

/**
 * Opens one .mmdb file and proves it answers with locations, so a bad file stops startup rather
 * than a request.
 */
export async function openMmdbFile(path: string): Promise<MmdbFile> {
  await checkFile(path);
  let reader: Reader<Response>;
  try {
    reader = await open<Response>(path);
  } catch (err) {
    throw new GeoDatabaseError(`GeoIP database unreadable: ${path} (${reason(err)})`, path, {
      cause: err,
    });
  }
  const { databaseType, ipVersion, nodeCount, searchTreeSize } = reader.metadata;
  const corrupt = (why: string, cause?: unknown) =>
    new GeoDatabaseError(`GeoIP database corrupt: ${path} (${why})`, path, { cause });
  if (ipVersion !== 4 && ipVersion !== 6) throw corrupt(`ip_version ${String(ipVersion)}`);
  // The reader trusts node_count, and a wrong one only shows later, inside some
  // lookups. The format puts 16 zero bytes right after the tree so a verifier can
  // tell where it ends: check they are there.
  if (!(await separatorAt(path, searchTreeSize))) {
    throw corrupt(
      `no data section separator after a search tree of ${nodeCount} nodes: bad node_count or a damaged file`,
    );
  }
  const probe = probeRecords(reader, ipVersion);
  if (!probe.ok)
    throw corrupt(`lookup of ${probe.address} failed: ${reason(probe.error)}`, probe.error);
  const notRecord = probe.records.find(
    (r) => typeof r !== 'object' || r === null || Array.isArray(r),
  );
  if (notRecord !== undefined)
    throw corrupt(
      `a lookup gave ${Array.isArray(notRecord) ? 'a list' : typeof notRecord}, not a record`,
    );
  // An ASN or anonymous-IP file opens fine and answers every lookup with nothing usable.
  if (probe.records.length > 0 && !probe.records.some((r) => toGeoHit(r) !== null)) {
    const why = `none of ${probe.records.length} sampled records has a country or coordinates; type "${databaseType}"`;
    throw new GeoDatabaseError(`GeoIP database has no locations: ${path} (${why})`, path);
  }
  return { reader, info: infoOf(path, reader) };
}

function infoOf(path: string, reader: Reader<Response>): GeoFileInfo {
  const { databaseType, buildEpoch, ipVersion, nodeCount } = reader.metadata;
  return {
    path,
    databaseType,
    buildEpoch: buildEpoch.toISOString(),
    ipVersion: ipVersion as 4 | 6,
    nodeCount,
  };
}

async function separatorAt(path: string, offset: number): Promise<boolean> {
  const handle = await fsOpen(path, 'r');
  try {
    const bytes = Buffer.alloc(SEPARATOR_BYTES);
    const { bytesRead } = await handle.read(bytes, 0, SEPARATOR_BYTES, offset);
    return bytesRead === SEPARATOR_BYTES && bytes.every((b) => b === 0);
  } finally {
    await handle.close();
  }
}

async function checkFile(path: string): Promise<void> {
  try {
    const stats = await stat(path);
    if (!stats.isFile()) throw new GeoDatabaseError(`GeoIP database is not a file: ${path}`, path);
  } catch (err) {
    if (err instanceof GeoDatabaseError) throw err;
    const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
    const message = missing
      ? `GeoIP database not found: ${path}`
      : `GeoIP database unreadable: ${path} (${reason(err)})`;
    throw new GeoDatabaseError(message, path, { cause: err });
  }
}

function reason(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
