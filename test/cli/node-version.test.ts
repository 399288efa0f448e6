import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { satisfies } from '../../scripts/check-node.mjs';
import { BIN, ROOT } from '../support/run-isobar.ts';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const range: string = pkg.engines.node;
const pinned = readFileSync(join(ROOT, '.node-version'), 'utf8').trim();

describe('the supported Node versions', () => {
  it('are said once: engines, devEngines, .node-version and .nvmrc agree', () => {
    expect(pkg.devEngines.runtime).toMatchObject({ name: 'node', version: range });
    expect(readFileSync(join(ROOT, '.nvmrc'), 'utf8').trim()).toBe(pinned);
    expect(pinned.split('.')[0]).toBe('24');
    expect(satisfies(pinned, range)).toBe(true);
  });

  it.each([
    ['20.20.2', false],
    ['22.17.1', false],
    ['22.18.0', true],
    ['22.23.5', true],
    ['23.11.0', false],
    ['24.0.0', true],
    ['v24.22.3', true],
    ['26.12.1', true],
  ])('%s in the engines range: %s', (version, expected) => {
    expect(satisfies(version, range)).toBe(expected);
  });

  it('refuses a range it cannot read, rather than guess', () => {
    expect(() => satisfies('24.0.0', '~24.1.0')).toThrow(/cannot read "~24.1.0"/);
    expect(() => satisfies('24.0.0', '>=22')).toThrow(/cannot read ">=22"/);
  });
});

/** A `node` on PATH older than the engines allow (these machines' own Node 20), if any. */
function olderNode(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const node = join(dir, 'node');
    if (!dir || !existsSync(node)) continue;
    const version = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
    if (!satisfies(version, range)) return dir;
  }
  return undefined;
}

const older = olderNode();
if (!older) console.warn('node-version: no Node older than the engines on PATH; not run');

describe.skipIf(!older)('started on an older Node', () => {
  const env = { ...process.env, PATH: `${older}${delimiter}${process.env.PATH}` };
  const ONE_LINE = new RegExp(
    `^isobar needs Node\\.js ${range.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}, and this is v\\d+\\.\\d+\\.\\d+: .*scripts/use-node.*\\n$`,
  );

  it.each([
    ['npm start', 'npm', ['start']],
    ['npm test', 'npm', ['test']],
    ['isobar', 'node', [BIN, '--version']],
  ])('%s says in one line which Node it needs, and exits 1', (_, command, args) => {
    const run = spawnSync(command, args, { cwd: ROOT, env, encoding: 'utf8', timeout: 30_000 });
    expect(run.stderr).toMatch(ONE_LINE);
    expect(run.status).toBe(1);
  });
});
