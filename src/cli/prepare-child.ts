// Run by prepareApart (prepare-apart.ts) in a process of its own: prepares the database on a
// connection of its own, tells the parent what it does, closes the connection and ends.
import { readBundledPlacesApart } from '../ingest/catalog/bundled-places.ts';
import { openDatabase } from '../store/index.ts';
import { prepareDatabase } from './prepare.ts';
import type { PrepareJob, PrepareMessage } from './prepare-apart.ts';

const job = JSON.parse(process.argv[2]!) as PrepareJob;
const tell = (message: PrepareMessage) => process.send!(message);
// A parent that is gone wants nothing more; its next start finishes the load.
const orphaned = () => process.exit(1);
process.once('disconnect', orphaned);
// A new database's first start reads the bundled places (a worker thread, the other core)
// while the database is created and migrated, which takes PGlite several seconds.
const places = job.fresh ? readBundledPlacesApart() : undefined;
places?.catch(() => {}); // awaited, and so reported, by the load
try {
  const db = await openDatabase(job.dsn);
  try {
    const report = {
      info: (text: string) => tell({ kind: 'info', text }),
      progress: (step: string, done: number, total: number) =>
        tell({ kind: 'progress', step, done, total }),
    };
    await prepareDatabase(db, job.demoPlaces, report, { places });
  } finally {
    await db.close();
  }
} catch (err) {
  // Sent whole rather than left to a stack trace: its class's name says how the command ends
  // (a StoreRefusal is the user's to fix, said in a sentence).
  const error = err instanceof Error ? err : new Error(String(err));
  tell({ kind: 'failed', name: error.name, message: error.message, stack: error.stack });
  process.exitCode = 1;
}
process.off('disconnect', orphaned);
process.disconnect();
