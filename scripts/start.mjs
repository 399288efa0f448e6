// `npm start`: builds dist/ when it is missing or older than the sources, then runs the compiled
// command in this same process (so npm's signals reach the server directly).
import { buildIfStale } from './build.mjs';

await buildIfStale();
await import('../dist/cli/main.js');
