import { unstable_startWorker } from 'wrangler';

export type EdgeWorker = Awaited<ReturnType<typeof unstable_startWorker>>;

/**
 * The edge worker (edge/wrangler.jsonc, its dev environment) in workerd through wrangler, on a
 * free 127.0.0.1 port, in front of `originUrl`; `worker.url` resolves to its address.
 */
export function startEdgeWorker(originUrl: string): Promise<EdgeWorker> {
  return unstable_startWorker({
    config: new URL('../../edge/wrangler.jsonc', import.meta.url).pathname,
    env: 'dev',
    bindings: { ORIGIN_URL: { type: 'plain_text', value: originUrl } },
    dev: {
      server: { hostname: '127.0.0.1', port: 0 },
      inspector: false,
      persist: false,
      watch: false,
      logLevel: 'error',
    },
  });
}
