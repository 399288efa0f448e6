import type { Registry } from 'prom-client';
import type { Fetch } from '../api-client.ts';

/** Where the operations page reads the service's metrics, as Prometheus text. */
export interface MetricsSource {
  /** Where they come from, shown on the page. */
  readonly label: string;
  read(): Promise<string>;
}

export class MetricsUnavailable extends Error {
  override name = 'MetricsUnavailable';
}

/** The metrics of the process the dashboard runs in: the same registry /metrics serves. */
export function registrySource(registry: Registry): MetricsSource {
  return { label: 'this process', read: () => registry.metrics() };
}

/**
 * An origin's /metrics over HTTP, for a dashboard deployed apart. The origin serves it only to
 * the addresses in its METRICS_ALLOW, so the dashboard host must be listed there (the edge
 * refuses /metrics: point this at an origin, not at the edge).
 */
export function httpSource(url: string, doFetch: Fetch = (r) => fetch(r)): MetricsSource {
  return {
    label: url,
    async read() {
      let response: Response;
      try {
        const signal = AbortSignal.timeout(5000);
        response = await doFetch(new Request(url, { headers: { accept: 'text/plain' }, signal }));
      } catch (err) {
        throw new MetricsUnavailable(`${url} did not answer (${(err as Error).message})`);
      }
      if (response.status === 403) {
        await response.body?.cancel();
        throw new MetricsUnavailable(
          `${url} refuses this dashboard: add its address to the origin's METRICS_ALLOW`,
        );
      }
      if (!response.ok) {
        await response.body?.cancel();
        throw new MetricsUnavailable(`${url} answered ${response.status}`);
      }
      return response.text();
    },
  };
}
