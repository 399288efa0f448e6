// `npm run edge`: the deployment in small on this machine — the worker (wrangler dev, its dev
// environment) in front of Varnish running the shipped VCL, where Cloudflare's CDN stands in
// production, in front of the origin `npm start` serves (ORIGIN, default http://127.0.0.1:8080).
// Arguments go to wrangler dev. Stops both on Ctrl-C.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { HAVE_VARNISH, startVarnish } from './varnishd.ts';

if (!HAVE_VARNISH) {
  console.error(
    'npm run edge needs Varnish where the CDN stands: apt-get install varnish varnish-modules\n' +
      '(the worker alone: npx wrangler dev --config edge/wrangler.jsonc --env dev)',
  );
  process.exit(1);
}
const origin = new URL(process.env.ORIGIN ?? 'http://127.0.0.1:8080');
const varnish = await startVarnish({
  backendHost: origin.hostname,
  backendPort: Number(origin.port || 80),
});
console.log(
  `varnish: ${varnish.base} in front of ${origin.origin}; start the origin with ` +
    `VARNISH_URLS=${varnish.base} so that its changes purge it`,
);
const wrangler = spawn(
  fileURLToPath(new URL('../../node_modules/.bin/wrangler', import.meta.url)),
  [
    'dev',
    '--config',
    fileURLToPath(new URL('../wrangler.jsonc', import.meta.url)),
    '--env',
    'dev',
    '--var',
    `ORIGIN_URL:${varnish.base}`,
    ...process.argv.slice(2),
  ],
  { stdio: 'inherit' },
);
const stop = async (code: number) => {
  wrangler.kill('SIGTERM');
  await varnish.stop();
  process.exit(code);
};
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
wrangler.on('exit', (code) => void stop(code ?? 0));
