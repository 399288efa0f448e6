// `npm run deploy:edge [-- <wrangler deploy options>]`: checks what a deploy of the edge needs
// (deploy/checks.ts), then runs `wrangler deploy` with ORIGIN_URL from the environment. Refusals
// exit 2. `--env NAME` deploys an environment of the config; `--config FILE` another config (an
// operator's own, kept out of the repository), edge/wrangler.jsonc by default.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { compatibilityDate as workerdDate } from 'workerd';
import { unstable_readConfig } from 'wrangler';
import { checkDeploy, type RouteConfig } from './checks.ts';

/**
 * A compatibility date older than a year is refused (the runtime's fixes would pass us by), and
 * one older than three months warns: wrangler and workerd want updating. A date newer than the
 * installed workerd's is refused too, since it would deploy what the tests never ran.
 */
const MAX_AGE_MONTHS = 12;
const WARN_AGE_MONTHS = 3;

const root = new URL('../..', import.meta.url).pathname;
const wrangler = join(root, 'node_modules/.bin/wrangler');
const given = process.argv.slice(2);
const envName = optionValue(given, ['--env', '-e']);
const configOption = optionValue(given, ['--config', '-c']);
const configPath = configOption ? resolve(configOption) : join(root, 'edge/wrangler.jsonc');
const args = withoutOption(given, ['--config', '-c']);

const config = unstable_readConfig({ config: configPath, env: envName });
const routes: RouteConfig[] = [...(config.route ? [config.route] : []), ...(config.routes ?? [])];
const originUrl = process.env.ORIGIN_URL?.trim() || undefined;
const { refusals, warnings } = checkDeploy({
  config: { ...config, routes },
  envName,
  originUrl,
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

// Without --env, the top level: said outright, or wrangler warns that environments exist.
const deployArgs = ['deploy', '--config', configPath, ...(envName ? [] : ['--env=']), ...args];
if (originUrl) deployArgs.push('--var', `ORIGIN_URL:${originUrl}`);
const run = spawnSync(wrangler, deployArgs, { cwd: root, stdio: 'inherit' });
process.exitCode = run.status ?? 1;

function optionValue(list: string[], names: string[]): string | undefined {
  for (let i = 0; i < list.length; i++) {
    const arg = list[i]!;
    if (names.includes(arg)) return list[i + 1];
    const eq = arg.indexOf('=');
    if (eq > 0 && names.includes(arg.slice(0, eq))) return arg.slice(eq + 1);
  }
  return undefined;
}

/** The arguments without one option and its value, which this script passes on itself. */
function withoutOption(list: string[], names: string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < list.length; i++) {
    const arg = list[i]!;
    const eq = arg.indexOf('=');
    if (names.includes(arg)) i++;
    else if (!(eq > 0 && names.includes(arg.slice(0, eq)))) kept.push(arg);
  }
  return kept;
}
