import { createReadStream, type ReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { createChangeDelivery } from '../../changes/delivery.ts';
import type { Config } from '../../config/env.ts';
import { Invalid } from '../../contract/protocol/request-errors.ts';
import type { Purger } from '../../domain/changes.ts';
import { readRecords } from '../../ingest/import/csv-records.ts';
import {
  type BadRow,
  emptyTotals,
  type ImportTotals,
  importRecords,
} from '../../ingest/import/import-records.ts';
import { printable } from '../../ingest/import/printable.ts';
import { startProgress } from '../../ingest/import/progress.ts';
import { openDatabase, type Queryable } from '../../store/index.ts';
import type { Logger } from '../logger.ts';
import { needsPreparing, prepareIfNew } from '../prepare.ts';
import { UsageError } from '../usage-error.ts';
import { purgersFrom } from './edge-command.ts';
import { type ImportArguments, type ImportRequest, readImportRequest } from './import-arguments.ts';

/** Where the command reads and writes: the process's own streams, or a test's. */
export interface ImportIo {
  stdin: Readable;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

/** A line to the operator, with whatever of the file it quotes escaped (printable). */
const tell = (io: ImportIo, message: string) =>
  io.stderr.write(`isobar import: ${printable(message)}\n`);

/** Bad rows listed one by one; past this, only counted. */
const LISTED = 50;

const processIo = (): ImportIo => ({
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
});

/** The size of the file to read (undefined for standard input); a UsageError if there is none. */
async function inputSize(file: string): Promise<number | undefined> {
  if (file === '-') return undefined;
  const info = await stat(file).catch((err: NodeJS.ErrnoException) => {
    throw new UsageError(
      `cannot read "${file}": ${err.code === 'ENOENT' ? 'no such file' : err.message}`,
    );
  });
  if (!info.isFile()) throw new UsageError(`"${file}" is not a file`);
  return info.size;
}

/** `isobar import FILE|- [options]`: 0 when every row went in, 1 if any was rejected, 2 for bad arguments. */
export async function importCommand(
  file: string | undefined,
  options: ImportArguments,
  config: Config,
  log: Logger,
  io: ImportIo = processIo(),
): Promise<number> {
  let request: ImportRequest;
  try {
    request = readImportRequest(file, options);
    await inputSize(request.file);
  } catch (err) {
    if (!(err instanceof UsageError || err instanceof Invalid)) throw err;
    tell(io, err.message);
    return 2;
  }
  const db = await openDatabase(config.dsn);
  try {
    const say = { info: (message: string) => tell(io, message) };
    if (request.dryRun && (await needsPreparing(db))) {
      // A dry run stores nothing, not even the catalog it would check places against.
      say.info(
        'the database is not prepared yet (no migrations or place catalog), so a dry run cannot ' +
          'check places: run `isobar seed --demo 0` first, or the import without --dry-run',
      );
      return 1;
    }
    if (!request.dryRun) await prepareIfNew(db, say);
    const [purger] = purgersFrom(config, log);
    return await runImport(db, request, { io, purger });
  } finally {
    await db.close();
  }
}

export interface RunImportDeps {
  io: ImportIo;
  purger?: Purger;
  now?: () => Date;
}

/** Runs one import on an open database: the progress, the bad rows, the summary, the exit status. */
export async function runImport(
  db: Queryable,
  request: ImportRequest,
  deps: RunImportDeps,
): Promise<number> {
  const { io } = deps;
  const started = performance.now();
  const totals = emptyTotals();
  let input: Readable | undefined;
  let listed = 0;
  // What the committed batches change is delivered behind the import, so that a slow edge never
  // holds the writes up, and all of it before the command ends, even when a later batch fails.
  const say = (_: unknown, message: string) => tell(io, message);
  const delivery = createChangeDelivery({
    db,
    purgers: deps.purger ? [deps.purger] : [],
    log: { warn: say, error: say },
  });
  try {
    const size = await inputSize(request.file);
    input = request.file === '-' ? io.stdin : createReadStream(request.file);
    const file = input as Partial<ReadStream>;
    const progress = startProgress({
      stream: io.stderr,
      totalBytes: size,
      state: () => ({ ...totals, bytes: file.bytesRead ?? 0, written: written(totals) }),
    });
    const onBadRow = (bad: BadRow) => {
      if (++listed <= LISTED)
        progress.log(printable(`line ${bad.line}: ${bad.reasons.join('; ')}`));
    };
    try {
      await importRecords(
        db,
        readRecords(input, request.format),
        request,
        {
          onBadRow,
          onBatch: progress.committed,
          onChange: () => delivery.wake(),
          now: deps.now,
        },
        totals,
      );
    } finally {
      progress.stop();
    }
  } catch (err) {
    if (!(err instanceof UsageError || err instanceof Invalid)) throw err;
    tell(io, err.message);
    return 2;
  } finally {
    if (input !== io.stdin) input?.destroy();
    await delivery.drain();
    await delivery.stop();
  }
  if (listed > LISTED) io.stderr.write(`… and ${listed - LISTED} more rejected rows, not listed\n`);
  io.stdout.write(summary(request, totals, performance.now() - started));
  return totals.rejected > 0 ? 1 : 0;
}

const written = (t: ImportTotals) => t.inserted + t.replaced + t.unchanged;

/** The closing report: counts, speed and the process's peak memory. */
function summary(request: ImportRequest, t: ImportTotals, ms: number): string {
  const seconds = ms / 1000;
  const rss = process.resourceUsage().maxRSS / 1024; // maxRSS is in kilobytes
  const what = `${request.file === '-' ? 'standard input' : printable(request.file)} (${request.format}, ${t.kind ?? 'no rows'})`;
  const head = request.dryRun ? `dry run of ${what}: nothing was stored` : `imported ${what}`;
  const rows: [string, string][] = [
    ['read', String(t.read)],
    ['inserted', String(t.inserted)],
    ['replaced', String(t.replaced)],
    ['unchanged', String(t.unchanged)],
    ['rejected', String(t.rejected)],
    ['demo', demoLine(t.demoReplaced, request.dryRun)],
    ['rows/s', String(Math.round(t.read / Math.max(seconds, 1e-3)))],
    ['elapsed', `${seconds.toFixed(2)} s`],
    ['peak RSS', `${rss.toFixed(0)} MiB`],
  ];
  return `${head}\n${rows.map(([k, v]) => `  ${k.padEnd(10)} ${v}`).join('\n')}\n`;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** What of the demo source's data the import replaced, kind by kind, in words. */
function demoLine(replaced: ImportTotals['demoReplaced'], dryRun: boolean): string {
  const parts = (
    [
      ['forecasts', 'hour', 'hours', replaced.forecasts],
      ['observations', 'hour', 'hours', replaced.observations],
      ['daily summaries', 'day', 'days', replaced.daily],
    ] as const
  )
    .filter(([, , , r]) => r.rows > 0)
    .map(
      ([what, one, many, r]) =>
        `${what} for ${plural(r.places.size, 'place', 'places')} (${plural(r.rows, one, many)})`,
    );
  if (parts.length === 0) return 'none replaced';
  return `${dryRun ? 'would replace' : 'replaced'} ${parts.join(', ')}`;
}
