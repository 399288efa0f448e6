import { Worker } from 'node:worker_threads';
import { GeoDatabaseError, type GeoFileInfo } from './mmdb-file.ts';

/** What the worker sends back: each file's description, or why one cannot be used. */
export type MmdbCheckAnswer =
  | { ok: true; files: GeoFileInfo[] }
  | { ok: false; message: string; path: string; geo: boolean };

/**
 * Proves .mmdb files as openMmdbFile does (present, readable, answering with locations), in a
 * worker thread: the reader needs each file whole in memory, and a copy read here would stay
 * until some later collection happened to free it (a server that had checked the DB-IP pair
 * carried 134 MB it never used). The worker's copies end with it. Rejects as openMmdbFile does.
 */
export function checkMmdbFilesApart(paths: readonly string[]): Promise<GeoFileInfo[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./mmdb-check-worker.ts', import.meta.url), {
      workerData: [...paths],
    });
    worker.once('message', (answer: MmdbCheckAnswer) => {
      if (answer.ok) resolve(answer.files);
      else if (answer.geo) reject(new GeoDatabaseError(answer.message, answer.path));
      else reject(new Error(answer.message));
    });
    worker.once('error', reject);
    worker.once('exit', (code) =>
      reject(new Error(`checking the geolocation files stopped (worker exit code ${code})`)),
    );
  });
}
