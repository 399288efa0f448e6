import { createEdge, type Edge } from '../../src/edge.ts';
import type { EdgeEnv } from '../../src/env.ts';
import { fixedGeo, type Geo } from '../../src/geo.ts';
import { createFakeOrigin, type FakeOrigin } from './fake-origin.ts';

export const PUBLIC_ORIGIN = 'https://isobar.test';

export interface Harness {
  edge: Edge;
  origin: FakeOrigin;
  env: EdgeEnv;
  /** What the edge logged, in order. */
  logs: string[];
  get(path: string, init?: RequestInit<IncomingRequestCfProperties>): Promise<Response>;
}

/** The edge logic in workerd with a fake origin as its fetch. */
export function createHarness(options: { geo?: Geo; timeoutMs?: number } = {}): Harness {
  const origin = createFakeOrigin();
  const logs: string[] = [];
  const edge = createEdge({
    origin: origin.fetch,
    geo: options.geo ?? fixedGeo(undefined),
    log: (message) => void logs.push(message),
  });
  const env: EdgeEnv = {
    ORIGIN_URL: 'http://origin.test',
    ORIGIN_TIMEOUT_MS: String(options.timeoutMs ?? 200),
  };
  return {
    edge,
    origin,
    env,
    logs,
    get: (path, init) => edge.fetch(new Request(`${PUBLIC_ORIGIN}${path}`, init), env),
  };
}
