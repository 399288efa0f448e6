import { changesPath, type FeedPosition } from '../contract/uris/changes-uri.ts';
import type { ProviderStanding } from '../store/providers/provider-status.ts';

/** A provider as /v1/status shows it. */
export interface ProviderStatusJson {
  name: string;
  /** `failing`: its latest attempt failed; `ok`: it succeeded; `idle`: nothing asked yet. */
  state: 'ok' | 'failing' | 'idle';
  last_success_at: string | null;
  last_failure_at: string | null;
  last_error: string | null;
  /** Seconds the oldest place still waiting is past its due time (0: none waits). */
  lag_seconds: number;
  /** Places due more than the grace of a late update ago, and not fetched. */
  places_behind: number;
  /** Places whose last attempt failed, backing off. */
  places_failing: number;
  budget: { daily: number; used: number; left: number };
}

/** The service's status (`/v1/status`). */
export interface StatusJson {
  version: string;
  at: string;
  providers: ProviderStatusJson[];
  /** The change feed's newest position: follow it for what changes next. */
  changes: { latest: string };
  /** This origin process's micro-cache: answers served from it, of all it was asked. */
  origin: { cache_hit_ratio: number | null };
}

/** What /v1/status is made of for a provider: its budget, and its standing in the store. */
export type ProviderFacts = ProviderStanding & { name: string; dailyBudget: number };

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** A provider's facts, as the status document says them. */
export function providerStatus(p: ProviderFacts, now: Date): ProviderStatusJson {
  const failedLast =
    p.lastFailureAt !== null &&
    (p.lastSuccessAt === null || p.lastFailureAt.getTime() > p.lastSuccessAt.getTime());
  return {
    name: p.name,
    state: failedLast ? 'failing' : p.lastSuccessAt ? 'ok' : 'idle',
    last_success_at: iso(p.lastSuccessAt),
    last_failure_at: iso(p.lastFailureAt),
    last_error: failedLast ? p.lastError : null,
    lag_seconds: p.oldestDue
      ? Math.max(0, Math.round((now.getTime() - p.oldestDue.getTime()) / 1000))
      : 0,
    places_behind: p.behind,
    places_failing: p.failing,
    budget: { daily: p.dailyBudget, used: p.used, left: Math.max(0, p.dailyBudget - p.used) },
  };
}

/** The whole status document. */
export function statusDocument(o: {
  version: string;
  now: Date;
  providers: ProviderFacts[];
  head: FeedPosition;
  hits: number;
  asked: number;
}): StatusJson {
  return {
    version: o.version,
    at: o.now.toISOString(),
    providers: o.providers.map((p) => providerStatus(p, o.now)),
    changes: { latest: changesPath(o.head) },
    origin: { cache_hit_ratio: o.asked > 0 ? Math.round((o.hits / o.asked) * 1000) / 1000 : null },
  };
}
