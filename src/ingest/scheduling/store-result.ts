import type { Place } from '../../domain/place.ts';
import { startOfHour } from '../../domain/weather/time.ts';
import type { Queryable } from '../../store/database.ts';
import type { FetchResult } from '../providers/provider.ts';
import { ProviderError } from '../providers/provider-http.ts';
import type { RowKind } from '../row-reader.ts';
import { applyWrite } from '../write-path/apply-write.ts';
import { type WriteOutcome, writeRows } from '../write-path/write-rows.ts';

/** What each batch of a provider's answer stored, by source, for the metrics. */
export interface Stored {
  batches: { kind: RowKind; bySource: WriteOutcome['bySource'] }[];
}

class Refused extends Error {}

/**
 * Stores what a provider answered for a place. New data goes through the write path, the
 * observation and the forecast in one transaction, validated whole: a row the write path refuses
 * leaves everything as it was and is reported as a malformed answer. A "not modified" moves only
 * the promised next update of the rows already stored.
 */
export async function storeResult(
  db: Queryable,
  source: string,
  place: Place,
  result: FetchResult,
  now: Date,
): Promise<Stored> {
  if (result.status === 'not-modified') {
    const nextUpdate = {
      locationId: place.id,
      source,
      until: result.nextUpdateAt,
      fromHour: startOfHour(now),
    };
    await applyWrite(db, { nextUpdate }, { now, reason: 'provider' });
    return { batches: [] };
  }
  return storeAnswers(db, [result], now);
}

/**
 * Stores the new data several places' answers brought (a batch request's) in one transaction
 * through the write path, all or nothing: a row the write path refuses leaves everything as it
 * was and is reported as a malformed answer (the caller may then store each place alone).
 */
export async function storeAnswers(
  db: Queryable,
  results: readonly Extract<FetchResult, { status: 'updated' }>[],
  now: Date,
): Promise<Stored> {
  const options = { now, onBadRows: 'all-or-nothing', reason: 'provider' } as const;
  const observations = results.flatMap((r) => r.observations);
  const forecasts = results.flatMap((r) => r.forecasts);
  try {
    return await db.transaction(async (tx) => {
      const observed = await writeRows(tx, 'observations', observations, options);
      if (observed.rejected > 0) throw new Refused(describe('observation', observed.errors));
      const forecast = await writeRows(tx, 'forecasts', forecasts, options);
      if (forecast.rejected > 0) throw new Refused(describe('forecast hour', forecast.errors));
      return {
        batches: [
          { kind: 'observations', bySource: observed.bySource },
          { kind: 'forecasts', bySource: forecast.bySource },
        ],
      };
    });
  } catch (err) {
    if (err instanceof Refused) throw new ProviderError('malformed', err.message);
    throw err;
  }
}

function describe(kind: string, errors: { index: number; field: string; reason: string }[]) {
  const first = errors[0];
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  return `${kind} ${first?.index}: ${first?.field} ${first?.reason}${more}`;
}
