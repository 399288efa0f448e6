import { readFileSync } from 'node:fs';

// The Node flags `npm start` gives the server (package.json), so the process a bench measures
// is the one users run.
export const SERVE_NODE_FLAGS = (
  /node((?: --[^\s]+)*) bin\/isobar/.exec(
    (
      JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
        scripts: Record<string, string>;
      }
    ).scripts.start ?? '',
  )?.[1] ?? ''
)
  .split(' ')
  .filter(Boolean);
