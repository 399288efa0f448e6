// `npm run deploy:edge [-- <wrangler deploy options>]`: checks what a deploy of the edge needs
// (deploy/checks.ts), then runs `wrangler deploy` with ORIGIN_URL from the environment and
// PURGE_SECRET, when the environment has it, uploaded as a secret. Refusals exit 2.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compatibilityDate as workerdDate } from 'workerd';
import { unstable_readConfig } from 'wrangler';
import { checkDeploy } from './checks.ts';

/**
 * A compatibility date older than a year is refused (the runtime's fixes would pass us by), and
 * one older than three months warns: wrangler and workerd want updating. A date newer than the
 * installed workerd's is refused too, since it would deploy what the tests never ran.
 */
const MAX_AGE_MONTHS = 12;
const WARN_AGE_MONTHS = 3;

const root = new URL('../..', import.meta.url).pathname;
const configPath = join(root, 'edge/wrangler.jsonc');
const wrangler = join(root, 'node_modules/.bin/wrangler');
const args = process.argv.slice(2);
const envName = optionValue(args, ['--env', '-e']);
// Without --env, the top level: said outright, or wrangler warns that envs exist.
const envArgs = envName ? ['--env', envName] : ['--env='];

const config = unstable_readConfig({ config: configPath, env: envName });
const originUrl = process.env.ORIGIN_URL?.trim() || undefined;
const purgeSecret = process.env.PURGE_SECRET?.trim() || undefined;
const { refusals, warnings } = checkDeploy({
  config,
  originUrl,
  purgeSecretInEnv: purgeSecret !== undefined,
  secrets: purgeSecret ? [] : listSecrets(),
  workerdDate,
  today: new Date(),
  maxAgeMonths: MAX_AGE_MONTHS,
  warnAgeMonths: WARN_AGE_MONTHS,
});
const list = (items: string[]) => items.map((item) => `  - ${item}\n`).join('');
if (warnings.length > 0) process.stderr.write(`edge deploy: note\n${list(warnings)}`);
if (refusals.length > 0) {
  process.stderr.write(`edge deploy refused:\n${list(refusals)}`);
  process.exit(2);
}

const secretsDir = purgeSecret ? mkdtempSync(join(tmpdir(), 'isobar-deploy-')) : undefined;
try {
  const deployArgs = ['deploy', '--config', configPath, ...(envName ? [] : envArgs), ...args];
  if (originUrl) deployArgs.push('--var', `ORIGIN_URL:${originUrl}`);
  if (secretsDir) {
    const file = join(secretsDir, 'secrets.json');
    writeFileSync(file, JSON.stringify({ PURGE_SECRET: purgeSecret }), { mode: 0o600 });
    deployArgs.push('--secrets-file', file);
  }
  const run = spawnSync(wrangler, deployArgs, { cwd: root, stdio: 'inherit' });
  process.exitCode = run.status ?? 1;
} finally {
  if (secretsDir) rmSync(secretsDir, { recursive: true, force: true });
}

/** The worker's secret names, asked of Cloudflare (needs a login or CLOUDFLARE_API_TOKEN). */
function listSecrets(): string[] | { error: string } {
  try {
    const out = execFileSync(
      wrangler,
      ['secret', 'list', '--config', configPath, '--format', 'json', ...envArgs],
      {
        cwd: root,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: 60_000,
        env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
      },
    );
    return (JSON.parse(out) as { name: string }[]).map((s) => s.name);
  } catch (error) {
    const text = String((error as { stderr?: string }).stderr || (error as Error).message)
      // biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI colour codes
      .replace(/\x1b\[[0-9;]*m/g, '')
      .replace(/✘ \[ERROR\] /g, '');
    const line = text.split('\n').find((l) => /\w/.test(l) && !/⛅️|^[\s─]+$/.test(l));
    return { error: (line ?? 'wrangler secret list failed').trim().slice(0, 160) };
  }
}

function optionValue(list: string[], names: string[]): string | undefined {
  for (let i = 0; i < list.length; i++) {
    const arg = list[i]!;
    if (names.includes(arg)) return list[i + 1];
    const eq = arg.indexOf('=');
    if (eq > 0 && names.includes(arg.slice(0, eq))) return arg.slice(eq + 1);
  }
  return undefined;
}
