import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { compatibilityDate as workerdDate } from 'workerd';
import { unstable_readConfig } from 'wrangler';
import { checkDeploy, type DeployFacts } from '../../edge/deploy/checks.ts';

const root = new URL('../..', import.meta.url).pathname;
const CONFIG = join(root, 'edge/wrangler.jsonc');
const run = promisify(execFile);

const ROUTE = { pattern: 'weather.isobar.net/', zone_name: 'isobar.net' };
const good: DeployFacts = {
  config: {
    compatibility_date: '2026-04-26',
    observability: { enabled: true },
    workers_dev: false,
    routes: [ROUTE],
    vars: { ORIGIN_TIMEOUT_MS: '5000' },
  },
  envName: 'production',
  originUrl: 'https://weather.isobar.net',
  workerdDate: '2026-04-26',
  today: new Date('2026-06-01T00:00:00Z'),
  maxAgeMonths: 12,
  warnAgeMonths: 3,
};
const withConfig = (change: Partial<DeployFacts['config']>): Partial<DeployFacts> => ({
  config: { ...good.config, ...change },
});

describe('the edge deploy check', () => {
  it('lets a complete deploy go out: a route on `/` of a host, its origin in the zone', () => {
    expect(checkDeploy(good)).toEqual({ refusals: [], warnings: [] });
    expect(checkDeploy({ ...good, ...withConfig({ routes: ['weather.isobar.net/'] }) })).toEqual({
      refusals: [],
      warnings: [],
    });
  });

  it.each<[string, Partial<DeployFacts>, RegExp]>([
    ['no ORIGIN_URL', { originUrl: undefined }, /^ORIGIN_URL is not set/],
    ['a blank ORIGIN_URL', { originUrl: '  ' }, /^ORIGIN_URL is not set/],
    ['an http origin', { originUrl: 'http://origin.example' }, /absolute https:\/\/ URL/],
    ['a relative origin', { originUrl: 'origin.example' }, /absolute https:\/\/ URL/],
    ['an origin with a path', { originUrl: 'https://o.example/api' }, /no path/],
    ['the local origin', { originUrl: 'https://127.0.0.1:8080' }, /points at this machine/],
    [
      'no route',
      withConfig({ routes: [] }),
      /^no route or custom domain at env\.production of edge\/wrangler\.jsonc: add "routes": \[\{ "pattern": "<your host>\/", "zone_name": "<your zone>" \}\]/,
    ],
    [
      'the placeholder route',
      withConfig({ routes: [{ pattern: 'isobar.example.com/', zone_name: 'example.com' }] }),
      /^route isobar\.example\.com\/ is a placeholder: put your own host and zone/,
    ],
    [
      'a route on a test name',
      withConfig({ routes: ['https://isobar.test/'] }),
      /is a placeholder/,
    ],
    ['workers.dev', withConfig({ workers_dev: true }), /^workers_dev is on.*"workers_dev": false/],
    ['an old date', withConfig({ compatibility_date: '2025-05-01' }), /older/],
    ['a date past workerd', withConfig({ compatibility_date: '2026-05-01' }), /newer/],
    ['no date', withConfig({ compatibility_date: undefined }), /missing/],
    ['observability off', withConfig({ observability: undefined }), /observ/],
  ])('refuses %s', (_, change, reason) => {
    const { refusals } = checkDeploy({ ...good, ...change });
    expect(refusals).toHaveLength(1);
    expect(refusals[0]).toMatch(reason);
  });

  it('says where the route is missing when the top level deploys', () => {
    const { refusals } = checkDeploy({
      ...good,
      envName: undefined,
      ...withConfig({ routes: [] }),
    });
    expect(refusals[0]).toMatch(/at the top level of edge\/wrangler\.jsonc.*--env production/);
  });

  it.each<[string, Partial<DeployFacts>, RegExp]>([
    [
      'a route on every path',
      withConfig({ routes: [{ pattern: 'weather.isobar.net/*', zone_name: 'isobar.net' }] }),
      /runs the worker on more than `\/` of one host/,
    ],
    [
      'a route on every host',
      withConfig({ routes: [{ pattern: '*isobar.net/', zone_name: 'isobar.net' }] }),
      /more than `\/` of one host/,
    ],
    [
      'a custom domain',
      withConfig({ routes: [{ pattern: 'weather.isobar.net', custom_domain: true }] }),
      /custom domain: the worker becomes the origin of the whole host/,
    ],
    [
      'an origin outside the zone',
      { originUrl: 'https://origin.elsewhere.org' },
      /ORIGIN_URL \(origin\.elsewhere\.org\) is not in the zone isobar\.net/,
    ],
  ])('lets %s go out, with a warning', (_, change, warning) => {
    const verdict = checkDeploy({ ...good, ...change });
    expect(verdict.refusals).toEqual([]);
    expect(verdict.warnings).toHaveLength(1);
    expect(verdict.warnings[0]).toMatch(warning);
  });

  it('warns of a date older than the toolchain allows or than three months', () => {
    const old = withConfig({ compatibility_date: '2026-01-10' });
    expect(checkDeploy({ ...good, ...old }).warnings[0]).toMatch(/could be 2026-04-26/);
    const later = checkDeploy({ ...good, today: new Date('2026-11-24T00:00:00Z') });
    expect(later).toMatchObject({ refusals: [] });
    expect(later.warnings[0]).toMatch(/over 3 months old.*update wrangler/);
  });
});

describe('edge/wrangler.jsonc', () => {
  it('deploys no origin of its own, no workers.dev, observability on, the newest date workerd runs', () => {
    const config = unstable_readConfig({ config: CONFIG });
    expect(config.vars.ORIGIN_URL).toBeUndefined();
    expect(config.workers_dev).toBe(false);
    expect(config.routes ?? []).toEqual([]);
    expect(config.observability?.enabled).toBe(true);
    expect(config.compatibility_date).toBe(workerdDate);
    expect(readFileSync(CONFIG, 'utf8')).toMatch(
      /"\$schema": "\.\.\/node_modules\/wrangler\/config-schema\.json"/,
    );
    // Local development has an origin, in its own environment.
    const dev = unstable_readConfig({ config: CONFIG, env: 'dev' });
    expect(dev.vars.ORIGIN_URL).toBe('http://127.0.0.1:8080');
  });

  it('shows production on the bare `/` of one host, which the deploy refuses until it is yours', () => {
    const production = unstable_readConfig({ config: CONFIG, env: 'production' });
    expect(production.routes).toEqual([
      { pattern: 'isobar.example.com/', zone_name: 'example.com' },
    ]);
    expect(production.workers_dev).toBe(false);
    expect(production.vars.ORIGIN_TIMEOUT_MS).toBe('5000');
    const verdict = checkDeploy({
      ...good,
      config: { ...production, routes: production.routes ?? [] },
      originUrl: 'https://isobar.example.com',
      workerdDate,
      today: new Date(`${workerdDate}T00:00:00Z`),
    });
    expect(verdict.refusals).toEqual([
      'route isobar.example.com/ is a placeholder: put your own host and zone in env.production ' +
        'of edge/wrangler.jsonc',
    ]);
  });
});

// Each run starts Node and wrangler (3–5 s on an idle machine; far more on a loaded one).
describe('npm run deploy:edge', { timeout: 180_000 }, () => {
  const deploy = (env: Record<string, string>, args: string[] = []) =>
    run(process.execPath, ['edge/deploy/deploy.ts', ...args], {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        ...env,
        WRANGLER_SEND_METRICS: 'false',
      },
      timeout: 170_000,
    }).then(
      (done) => ({ code: 0, ...done }),
      (failed: { code: number; stdout: string; stderr: string }) => failed,
    );

  it('refuses to go out without a route, saying what to add, before wrangler runs', async () => {
    const out = mkdtempSync(join(tmpdir(), 'isobar-deploy-test-'));
    try {
      const env = { ORIGIN_URL: 'https://isobar.example.com' };
      const res = await deploy(env, ['--dry-run', '--outdir', out]);
      expect(res.code).toBe(2);
      expect(res.stderr).toMatch(
        /edge deploy refused:\n {2}- no route or custom domain at the top level of edge\/wrangler\.jsonc: add "routes"/,
      );
      const placeholder = await deploy(env, ['--env', 'production', '--dry-run', '--outdir', out]);
      expect(placeholder.code).toBe(2);
      expect(placeholder.stderr).toMatch(/route isobar\.example\.com\/ is a placeholder/);
      expect(readdirSync(out)).toEqual([]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('builds the worker offline with --dry-run --outdir from an operator config', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'isobar-deploy-test-'));
    try {
      // An operator's own config, outside the repository: the repository's, with a real route.
      const own = unstable_readConfig({ config: CONFIG, env: 'production' });
      const config = join(dir, 'wrangler.json');
      writeFileSync(
        config,
        JSON.stringify({
          name: own.name,
          main: join(root, 'edge/src/index.ts'),
          compatibility_date: own.compatibility_date,
          observability: { enabled: true },
          workers_dev: false,
          routes: [ROUTE],
          vars: { ORIGIN_TIMEOUT_MS: '5000' },
        }),
      );
      const out = join(dir, 'out');
      const env = { ORIGIN_URL: 'https://weather.isobar.net' };
      const res = await deploy(env, ['--config', config, '--dry-run', '--outdir', out]);
      expect(res.code, res.stderr).toBe(0);
      // Wrangler hides the values; the binding is there.
      expect(res.stdout).toMatch(/env\.ORIGIN_URL \(/);
      expect(res.stdout).toMatch(/--dry-run: exiting now/);
      expect(existsSync(join(out, 'index.js'))).toBe(true);
      expect(readFileSync(join(out, 'index.js'), 'utf8')).toMatch(/edge-misconfigured/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
