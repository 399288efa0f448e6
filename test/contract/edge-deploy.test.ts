import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
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

const good: DeployFacts = {
  config: {
    compatibility_date: '2026-04-26',
    observability: { enabled: true },
    vars: { ORIGIN_TIMEOUT_MS: '5000' },
  },
  originUrl: 'https://origin.isobar.example',
  purgeSecretInEnv: false,
  secrets: ['PURGE_SECRET'],
  workerdDate: '2026-04-26',
  today: new Date('2026-06-01T00:00:00Z'),
  maxAgeMonths: 12,
  warnAgeMonths: 3,
};

describe('the edge deploy check', () => {
  it('lets a complete deploy go out', () => {
    expect(checkDeploy(good)).toEqual({ refusals: [], warnings: [] });
    expect(
      checkDeploy({ ...good, secrets: { error: 'offline' }, purgeSecretInEnv: true }),
    ).toMatchObject({ refusals: [] });
  });

  it.each<[string, Partial<DeployFacts>, RegExp]>([
    ['no ORIGIN_URL', { originUrl: undefined }, /^ORIGIN_URL is not set/],
    ['a blank ORIGIN_URL', { originUrl: '  ' }, /^ORIGIN_URL is not set/],
    ['an http origin', { originUrl: 'http://origin.example' }, /absolute https:\/\/ URL/],
    ['a relative origin', { originUrl: 'origin.example' }, /absolute https:\/\/ URL/],
    ['an origin with a path', { originUrl: 'https://o.example/api' }, /no path/],
    ['the local origin', { originUrl: 'https://127.0.0.1:8080' }, /points at this machine/],
    ['no PURGE_SECRET anywhere', { secrets: ['OTHER'] }, /^PURGE_SECRET is neither/],
    ['secrets that cannot be listed', { secrets: { error: 'not logged in' } }, /not logged in/],
    ['an old date', { config: { ...good.config, compatibility_date: '2025-05-01' } }, /older/],
    [
      'a date past workerd',
      { config: { ...good.config, compatibility_date: '2026-05-01' } },
      /newer/,
    ],
    ['no date', { config: { ...good.config, compatibility_date: undefined } }, /missing/],
    ['observability off', { config: { ...good.config, observability: undefined } }, /observ/],
  ])('refuses %s', (_, change, reason) => {
    const { refusals } = checkDeploy({ ...good, ...change });
    expect(refusals).toHaveLength(1);
    expect(refusals[0]).toMatch(reason);
  });

  it('warns of a date older than the toolchain allows or than three months', () => {
    const old = { ...good.config, compatibility_date: '2026-01-10' };
    expect(checkDeploy({ ...good, config: old }).warnings[0]).toMatch(/could be 2026-04-26/);
    const later = checkDeploy({ ...good, today: new Date('2026-11-24T00:00:00Z') });
    expect(later).toMatchObject({ refusals: [] });
    expect(later.warnings[0]).toMatch(/over 3 months old.*update wrangler/);
  });
});

describe('edge/wrangler.jsonc', () => {
  it('deploys no origin of its own, with observability and the newest date workerd runs', () => {
    const config = unstable_readConfig({ config: CONFIG });
    expect(config.vars.ORIGIN_URL).toBeUndefined();
    expect(config.observability?.enabled).toBe(true);
    expect(config.compatibility_date).toBe(workerdDate);
    expect(readFileSync(CONFIG, 'utf8')).toMatch(
      /"\$schema": "\.\.\/node_modules\/wrangler\/config-schema\.json"/,
    );
    // Local development has one, in its own environment.
    const dev = unstable_readConfig({ config: CONFIG, env: 'dev' });
    expect(dev.vars.ORIGIN_URL).toBe('http://127.0.0.1:8080');
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

  it('refuses to go out without ORIGIN_URL, before wrangler runs', async () => {
    const out = mkdtempSync(join(tmpdir(), 'isobar-deploy-test-'));
    try {
      const res = await deploy({ PURGE_SECRET: 's' }, ['--dry-run', '--outdir', out]);
      expect(res.code).toBe(2);
      expect(res.stderr).toMatch(/edge deploy refused:\n {2}- ORIGIN_URL is not set/);
      expect(readdirSync(out)).toEqual([]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('builds the worker offline with --dry-run --outdir, ORIGIN_URL bound', async () => {
    const out = mkdtempSync(join(tmpdir(), 'isobar-deploy-test-'));
    try {
      const env = { ORIGIN_URL: 'https://origin.isobar.example', PURGE_SECRET: 's' };
      const res = await deploy(env, ['--dry-run', '--outdir', out]);
      expect(res.code, res.stderr).toBe(0);
      // Wrangler hides the values; the bindings are there, PURGE_SECRET from --secrets-file.
      expect(res.stdout).toMatch(/env\.ORIGIN_URL \(/);
      expect(res.stdout).toMatch(/env\.PURGE_SECRET \("\(hidden\)"\)/);
      expect(res.stdout + res.stderr).not.toMatch(/Multiple environments/);
      expect(res.stdout).toMatch(/--dry-run: exiting now/);
      expect(existsSync(join(out, 'index.js'))).toBe(true);
      expect(readFileSync(join(out, 'index.js'), 'utf8')).toMatch(/edge-misconfigured/);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
