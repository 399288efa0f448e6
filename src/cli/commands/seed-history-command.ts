import type { Config } from '../../config/env.ts';
import { seedDemoHistory } from '../../ingest/demo/demo-history.ts';
import { hasAnyPlace } from '../../store/catalog/catalog-writes.ts';
import { migrate, openDatabase } from '../../store/index.ts';
import { importCatalog, type Reporter } from '../prepare.ts';
import { UsageError } from '../usage-error.ts';

export interface SeedHistoryArgs {
  /** `420d` or `420`: days of history. */
  history: string;
  /** How many places (default 1,000). */
  places?: string | undefined;
}

const MAX_DAYS = 3_660;

/** Reads `420d` (or `420`) as a number of days. */
export function readHistoryDays(text: string): number {
  const match = /^(\d{1,4})d?$/.exec(text.trim());
  const days = match ? Number(match[1]) : Number.NaN;
  if (!(days >= 1 && days <= MAX_DAYS)) {
    throw new UsageError(`--history takes a number of days from 1 to ${MAX_DAYS}, e.g. 420d`);
  }
  return days;
}

function readPlaces(text: string | undefined): number {
  if (text === undefined) return 1_000;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 100_000) {
    throw new UsageError('--places takes a whole number of places from 1 to 100000');
  }
  return n;
}

/**
 * `isobar seed --history 420d [--places N]`: hourly demo history for the most populous places,
 * with daily summaries and monthly rollups. Loads the catalog first on an empty database.
 */
export async function seedHistoryCommand(
  config: Config,
  log: Reporter,
  args: SeedHistoryArgs,
): Promise<number> {
  const days = readHistoryDays(args.history);
  const places = readPlaces(args.places);
  const db = await openDatabase(config.dsn);
  try {
    await migrate(db);
    if (!(await hasAnyPlace(db))) await importCatalog(db, log);
    const started = performance.now();
    let reported = 0;
    const result = await seedDemoHistory(db, {
      places,
      days,
      now: new Date(),
      onBatch: (p) => {
        // About every tenth of the way, so a long run shows it is alive.
        if (p.placesDone - reported >= Math.max(1, p.places / 10) || p.placesDone === p.places) {
          reported = p.placesDone;
          const s = (performance.now() - started) / 1000;
          log.info(`history: ${p.placesDone}/${p.places} places, ${p.rows} rows, ${s.toFixed(0)}s`);
        }
      },
    });
    const seconds = (performance.now() - started) / 1000;
    log.info(
      `history: ${result.rows} hourly observations (source "demo") for ${result.places} places ` +
        `over ${days} days, ${result.days} daily summaries, in ${seconds.toFixed(1)}s ` +
        `(${Math.round(result.rows / seconds)} rows/s)`,
    );
    return 0;
  } finally {
    await db.close();
  }
}
