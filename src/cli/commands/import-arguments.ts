import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import {
  DEFAULT_BATCH,
  FORMATS,
  type ImportFormat,
  type ImportOptions,
} from '../../ingest/import/import-options.ts';
import { ROW_KINDS, type RowKind, readRow } from '../../ingest/row-reader.ts';
import { UsageError } from '../usage-error.ts';

export interface ImportRequest extends ImportOptions {
  /** A path, or `-` for standard input. */
  file: string;
}

const MAX_BATCH = 100_000;

const EXTENSIONS: Record<string, ImportFormat> = {
  '.csv': 'csv',
  '.ndjson': 'ndjson',
  '.jsonl': 'ndjson',
};

const list = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

function readRename(text: string | undefined): Map<string, string> {
  const renames = new Map<string, string>();
  if (text === undefined) return renames;
  const pairs = list(text);
  if (pairs.length === 0) throw new UsageError('--rename needs old=new pairs, comma-separated');
  const targets = new Set<string>();
  for (const pair of pairs) {
    const match = /^([^=\s]+)\s*=\s*([^=\s]+)$/.exec(pair);
    if (!match) {
      throw new UsageError(
        `--rename takes old=new pairs separated by commas (e.g. temp_max=temperature_max_c), not "${pair}"`,
      );
    }
    const [, from, to] = match as unknown as [string, string, string];
    if (renames.has(from)) throw new UsageError(`--rename names column "${from}" twice`);
    if (targets.has(to)) throw new UsageError(`--rename gives two columns the name "${to}"`);
    renames.set(from, to);
    targets.add(to);
  }
  return renames;
}

function readFormat(file: string, format: string | undefined): ImportFormat {
  if (format !== undefined) {
    if ((FORMATS as readonly string[]).includes(format)) return format as ImportFormat;
    throw new UsageError(`--format must be csv or ndjson, not "${format}"`);
  }
  if (file === '-') throw new UsageError('reading standard input needs --format csv or ndjson');
  const byExtension = EXTENSIONS[extname(file).toLowerCase()];
  if (!byExtension) {
    throw new UsageError(
      `cannot tell the format of "${file}" by its name: add --format csv or ndjson`,
    );
  }
  return byExtension;
}

function readBatch(text: string | undefined): number {
  if (text === undefined) return DEFAULT_BATCH;
  const n = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isInteger(n) || n < 1 || n > MAX_BATCH) {
    throw new UsageError(`--batch must be a whole number from 1 to ${MAX_BATCH}, not "${text}"`);
  }
  return n;
}

/**
 * Checks --place and --source by the rules every row is read with, so a typo stops the import
 * before it starts instead of rejecting each row.
 */
function checkDefaults(place: string | undefined, source: string | undefined): void {
  const probe = { place: place ?? '1', source: source ?? 'probe', date: '2000-01-01' };
  const { errors } = readRow('daily', probe, 0, new Date());
  for (const error of errors) {
    if (error.field === 'place' || error.field === 'source')
      throw new UsageError(`--${error.field} ${error.reason}`);
  }
}

/** Reads `isobar import`'s arguments (those after `import`); throws UsageError when they are wrong. */
export function parseImportArgs(argv: readonly string[]): ImportRequest | 'help' {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (err) {
    const e = err as Error & { code?: string };
    const option = /'(-[^']*)'/.exec(e.message)?.[1];
    throw new UsageError(
      e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option
        ? `unknown option ${option} (isobar import --help lists them)`
        : e.message.split('\n')[0]!,
    );
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  const [file, ...extra] = positionals;
  if (extra.length > 0) throw new UsageError(`one file at a time, not also "${extra.join(' ')}"`);
  return readImportRequest(file, { ...values, dryRun: values['dry-run'] });
}

/** The options of `isobar import` as given, before they are checked. */
export interface ImportArguments {
  format?: string;
  kind?: string;
  place?: string;
  source?: string;
  rename?: string;
  ignore?: string;
  batch?: string;
  dryRun?: boolean;
}

/** Checks `isobar import`'s file and options, however they were tokenised; a UsageError if wrong. */
export function readImportRequest(
  file: string | undefined,
  values: ImportArguments,
): ImportRequest {
  if (file === undefined || file === '') {
    throw new UsageError('no file given: isobar import FILE|- (- reads standard input)');
  }
  const kind = values.kind;
  if (kind !== undefined && !(ROW_KINDS as readonly string[]).includes(kind)) {
    throw new UsageError(`--kind must be one of ${ROW_KINDS.join(', ')}, not "${kind}"`);
  }
  checkDefaults(values.place, values.source);
  return {
    file,
    format: readFormat(file, values.format),
    kind: kind as RowKind | undefined,
    place: values.place,
    source: values.source,
    rename: readRename(values.rename),
    ignore: new Set(values.ignore === undefined ? [] : list(values.ignore)),
    batch: readBatch(values.batch),
    dryRun: values.dryRun ?? false,
  };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: 'string' },
      kind: { type: 'string' },
      place: { type: 'string' },
      source: { type: 'string' },
      rename: { type: 'string' },
      ignore: { type: 'string' },
      batch: { type: 'string' },
      'dry-run': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
