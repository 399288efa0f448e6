// Run by holdDatabase() as a process of its own: opens the DSN given (and migrates it when the
// next argument is "migrate"), says "open", then on a line "close" closes it and exits, or on
// "exit" exits without closing.
import { migrate, openDatabase } from '../../src/store/index.ts';

const db = await openDatabase(process.argv[2] ?? '');
if (process.argv[3] === 'migrate') await migrate(db);
process.stdout.write('open\n');
let input = '';
process.stdin.on('data', async (chunk: Buffer) => {
  input += chunk.toString();
  if (input.includes('close\n')) {
    await db.close();
    process.exit(0);
  }
  if (input.includes('exit\n')) process.exit(0);
});
