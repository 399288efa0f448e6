import { readFileSync } from 'node:fs';

const scripts = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    scripts: Record<string, string>;
  }
).scripts;

/** The Node flags an npm script (package.json) gives `bin/isobar`. */
const nodeFlags = (script: string): string[] =>
  (/node((?: --[^\s]+)*) bin\/isobar/.exec(scripts[script] ?? '')?.[1] ?? '')
    .split(' ')
    .filter(Boolean);

// The Node flags `npm start` gives the server and `npm run isobar` every other command, so the
// process a bench measures is the one users run.
export const SERVE_NODE_FLAGS = nodeFlags('start');
export const ISOBAR_NODE_FLAGS = nodeFlags('isobar');
