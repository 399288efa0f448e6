// Run by prepareApart (prepare-apart.ts) in a process of its own: prepares the database on a
// connection of its own, tells the parent what it does, closes the connection and ends.
import { openDatabase } from '../store/index.ts';
import { prepareDatabase } from './prepare.ts';
import type { PrepareJob, PrepareMessage } from './prepare-apart.ts';

const job = JSON.parse(process.argv[2]!) as PrepareJob;
const tell = (message: PrepareMessage) => process.send!(message);
// A parent that is gone wants nothing more; its next start finishes the load.
const orphaned = () => process.exit(1);
process.once('disconnect', orphaned);
try {
  const db = await openDatabase(job.dsn);
  try {
    await prepareDatabase(db, job.demoPlaces, {
      info: (text) => tell({ kind: 'info', text }),
      progress: (step, done, total) => tell({ kind: 'progress', step, done, total }),
    });
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
