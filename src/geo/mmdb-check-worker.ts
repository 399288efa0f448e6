// Run by checkMmdbFilesApart (mmdb-check.ts): proves each file, sends the answer, ends.
import { parentPort, workerData } from 'node:worker_threads';
import type { MmdbCheckAnswer } from './mmdb-check.ts';
import { GeoDatabaseError, openMmdbFile } from './mmdb-file.ts';

let answer: MmdbCheckAnswer;
try {
  const files = await Promise.all((workerData as string[]).map(openMmdbFile));
  answer = { ok: true, files: files.map((f) => f.info) };
} catch (err) {
  const geo = err instanceof GeoDatabaseError;
  answer = {
    ok: false,
    message: String((err as Error).message ?? err),
    path: geo ? err.path : '',
    geo,
  };
}
parentPort!.postMessage(answer);
