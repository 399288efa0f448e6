// Run by readBundledPlacesApart (bundled-places.ts): reads the bundled places, sends them, ends.
import { parentPort } from 'node:worker_threads';
import { readBundledPlaces } from './bundled-places.ts';

parentPort!.postMessage(readBundledPlaces());
