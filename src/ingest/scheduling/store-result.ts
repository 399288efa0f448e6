import type { Place } from '../../domain/place.ts';
import { startOfHour } from '../../domain/weather/time.ts';
import type { Queryable } from '../../store/database.ts';
import type { FetchResult } from '../providers/provider.ts';
import { ProviderError } from '../providers/provider-http.ts';
import type { RowKind } from '../row-reader.ts';
import { applyWrite } from '../write-path/apply-write.ts';
import {
  type PreparedBatch,
  prepareReadBatch,
  readBatch,
  type WriteOutcome,
  writePreparedBatches,
} from '../write-path/write-rows.ts';

/** What each batch of a provider's answer stored, by source, for the metrics. */
export interface Stored {
  batches: { kind: RowKind; bySource: WriteOutcome['bySource'] }[];
}

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
 * Stores the new data several places' answers brought (a batch request's) through the write
 * path in one write, all or nothing: observations and forecast hours together, so that each
 * place's read model is built once. A row the write path refuses leaves everything as it was and
 * is reported as a malformed answer (the caller may then store each place alone).
 */
export async function storeAnswers(
  db: Queryable,
  results: readonly Extract<FetchResult, { status: 'updated' }>[],
  now: Date,
): Promise<Stored> {
  const prepared = await prepareAnswers(db, results, now);
  const outcomes = await writePreparedBatches(db, prepared, {
    now,
    onBadRows: 'all-or-nothing',
    reason: 'provider',
  });
  for (const [i, outcome] of outcomes.entries()) {
    if (outcome.errors.length > 0) {
      const what = prepared[i]!.kind === 'observations' ? 'observation' : 'forecast hour';
      throw new ProviderError('malformed', describe(what, outcome.errors));
    }
  }
  return {
    batches: outcomes.map((o, i) => ({ kind: prepared[i]!.kind, bySource: o.bySource })),
  };
}

/**
 * The answers' rows read and checked, as the write takes them. A function of its own: the rows as
 * read are let go when it returns, not held by the caller's frame while the write renders every
 * place's documents (bench:refresh, "CPU per refresh": what the garbage collector copies).
 */
async function prepareAnswers(
  db: Queryable,
  results: readonly Extract<FetchResult, { status: 'updated' }>[],
  now: Date,
): Promise<PreparedBatch[]> {
  const observations = readBatch(
    'observations',
    results.flatMap((r) => r.observations),
    now,
  );
  const forecasts = readBatch(
    'forecasts',
    results.flatMap((r) => r.forecasts),
    now,
  );
  return [await prepareReadBatch(db, observations), await prepareReadBatch(db, forecasts)];
}

function describe(kind: string, errors: { index: number; field: string; reason: string }[]) {
  const first = errors[0];
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  return `${kind} ${first?.index}: ${first?.field} ${first?.reason}${more}`;
}
