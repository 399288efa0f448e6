/**
 * The worker's bindings: `vars` in wrangler.jsonc, and ORIGIN_URL from the deploy's environment
 * (edge/deploy/deploy.ts).
 */
export interface EdgeEnv {
  /**
   * Base URL of the origin, scheme + host (+ port), no path: `https://origin.isobar.example`.
   * Deliberately without a default: a worker that lacks it must say so, not fetch localhost.
   */
  ORIGIN_URL?: string;
  /** How long a GET or HEAD, and the nearest-place lookup, wait for the origin (default 5000). */
  ORIGIN_TIMEOUT_MS?: string;
  /** How long any other request (a write and its upload) waits for the origin (default 60000). */
  ORIGIN_WRITE_TIMEOUT_MS?: string;
}

/** The bindings, checked once per isolate. */
export interface EdgeConfig {
  originUrl: URL;
  originTimeoutMs: number;
  originWriteTimeoutMs: number;
}

/** A bad binding: `setting` names it (safe to show a client), the message says why (log only). */
export class EdgeConfigError extends Error {
  override name = 'EdgeConfigError';
  readonly setting: keyof EdgeEnv;
  constructor(setting: keyof EdgeEnv, message: string) {
    super(`${setting}: ${message}`);
    this.setting = setting;
  }
}

const DEFAULT_TIMEOUT_MS = 5000;
const DEFAULT_WRITE_TIMEOUT_MS = 60_000;

/** Parses the bindings; throws an EdgeConfigError naming the bad variable. */
export function readEdgeConfig(env: EdgeEnv): EdgeConfig {
  if (!env.ORIGIN_URL?.trim()) {
    throw new EdgeConfigError('ORIGIN_URL', 'is not set (deploy with `npm run deploy:edge`)');
  }
  let originUrl: URL;
  try {
    originUrl = new URL(env.ORIGIN_URL);
  } catch {
    throw new EdgeConfigError('ORIGIN_URL', `not a URL: ${JSON.stringify(env.ORIGIN_URL)}`);
  }
  if (originUrl.protocol !== 'http:' && originUrl.protocol !== 'https:') {
    throw new EdgeConfigError('ORIGIN_URL', 'must be http:// or https://');
  }
  // Paths are forwarded unchanged, so a base path on the origin would be silently dropped.
  if (originUrl.pathname !== '/' || originUrl.search || originUrl.hash) {
    throw new EdgeConfigError('ORIGIN_URL', 'must have no path, query or fragment');
  }
  const originTimeoutMs = milliseconds(
    'ORIGIN_TIMEOUT_MS',
    env.ORIGIN_TIMEOUT_MS,
    DEFAULT_TIMEOUT_MS,
  );
  const originWriteTimeoutMs = milliseconds(
    'ORIGIN_WRITE_TIMEOUT_MS',
    env.ORIGIN_WRITE_TIMEOUT_MS,
    DEFAULT_WRITE_TIMEOUT_MS,
  );
  return { originUrl, originTimeoutMs, originWriteTimeoutMs };
}

function milliseconds(
  name: 'ORIGIN_TIMEOUT_MS' | 'ORIGIN_WRITE_TIMEOUT_MS',
  raw: string | undefined,
  fallback: number,
): number {
  const text = raw?.trim();
  const ms = text ? Number(text) : fallback;
  if (!Number.isInteger(ms) || ms <= 0) {
    throw new EdgeConfigError(name, 'must be a positive whole number of milliseconds');
  }
  return ms;
}
