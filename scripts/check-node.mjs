// Stops a command in one line when this Node is older than package.json's `engines` allow,
// instead of letting it fail somewhere inside. Plain JavaScript that old Nodes parse: bin/isobar
// imports it first, and `npm start`, `npm test` and the other package scripts run it first.
import { readFileSync } from 'node:fs';

const packageJson = new URL('../package.json', import.meta.url);

/**
 * Whether a version (`x.y.z`) is in a range written as alternatives of `^x.y.z` or `>=x.y.z`
 * joined by `||`, the two forms `engines` uses; any other form is refused, not guessed at.
 */
export function satisfies(version, range) {
  const have = parse(version);
  return range.split('||').some((alternative) => {
    const match = /^\s*(\^|>=)\s*(\d+\.\d+\.\d+)\s*$/.exec(alternative);
    if (!match) throw new Error(`engines.node: cannot read "${alternative.trim()}"`);
    const want = parse(match[2]);
    if (match[1] === '^' && have[0] !== want[0]) return false;
    return compare(have, want) >= 0;
  });
}

function parse(version) {
  return version.replace(/^v/, '').split(/[.-]/).slice(0, 3).map(Number);
}

function compare(a, b) {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

const range = JSON.parse(readFileSync(packageJson, 'utf8')).engines.node;
if (!satisfies(process.versions.node, range)) {
  process.stderr.write(
    `isobar needs Node.js ${range}, and this is ${process.version}: install Node 24 ` +
      '(nvm and fnm read .nvmrc), or on Linux run the command through scripts/use-node, ' +
      'e.g. `scripts/use-node npm start`\n',
  );
  process.exit(1);
}
