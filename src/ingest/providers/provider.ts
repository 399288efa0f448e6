import type { Config } from '../../config/env.ts';
import type { Place } from '../../domain/place.ts';

/** A row as the write path reads it: `{place, source, observed_at, temperature_c, …}`. */
export type RawRow = Record<string, unknown>;

/** What makes the next request conditional, and how long the last answer holds. */
export interface Conditional {
  /** Last-Modified as the provider sent it; sent back verbatim as If-Modified-Since. */
  lastModified: string | null;
  /** Expires: no request for this place before it. */
  expiresAt: Date | null;
}

/** What one request for a place brought. Failures are thrown as a ProviderError. */
export type FetchResult =
  | {
      status: 'updated';
      observations: RawRow[];
      forecasts: RawRow[];
      /** When the provider expects to publish again: the rows' `next_update_at`. */
      nextUpdateAt: Date;
      conditional: Conditional;
      /** Something the operator should hear of (a deprecated API version), logged as a warning. */
      warning?: string;
    }
  | { status: 'not-modified'; nextUpdateAt: Date; conditional: Conditional; warning?: string };

/** One upstream weather provider, for one place at a time. */
export interface Provider {
  /** Its name in configuration, commands and metrics: `open-meteo`. */
  readonly name: string;
  /** The `source` of the rows it writes. */
  readonly source: string;
  /** Requests per UTC day never exceeded, whatever the number of places. */
  readonly dailyBudget: number;
  fetch(place: Place, previous: Conditional, now: Date): Promise<FetchResult>;
  /**
   * Several places in one upstream request, where the provider takes that (Open-Meteo): one
   * result per place, in order, or the failure of the whole request (thrown). Each place costs one
   * unit of `dailyBudget` all the same.
   */
  fetchMany?(places: readonly Place[], now: Date): Promise<FetchResult[]>;
  /** Places asked in one request at most (fetchMany); 1 without it. */
  readonly batchSize?: number;
}

/** How tests (and nothing else) change an adapter's plumbing. */
export interface AdapterOptions {
  fetch?: typeof fetch;
  /** How long one request may take, headers and body together (default 10 s). */
  timeoutMs?: number;
}

/** A provider as the registry lists it: its name, and how to build it from the configuration. */
export interface ProviderModule {
  /** Also the `source` of its rows: its credit is SOURCE_ATTRIBUTIONS[name] (src/domain). */
  name: string;
  /** Throws a ConfigError naming the variable when the provider cannot run as configured. */
  create(config: Config, options?: AdapterOptions): Provider;
}

/** Coordinates as providers want them: at most 4 decimals (~11 m), cut rather than rounded. */
export function coordinate(value: number): string {
  const tenThousandths = Math.trunc(Number((value * 10_000).toFixed(6)));
  return String(tenThousandths / 10_000);
}
