import type { RowKind } from '../row-reader.ts';

export const FORMATS = ['csv', 'ndjson'] as const;
export type ImportFormat = (typeof FORMATS)[number];

/** What one import reads and how it writes it. */
export interface ImportOptions {
  format: ImportFormat;
  /** Unset: told by the first row's columns (`observed_at`, `valid_at` or `date`). */
  kind?: RowKind;
  /** The place of rows that name none (a file of one station). */
  place?: string;
  /** The source of rows that name none. */
  source?: string;
  /** Columns renamed, by their name in the file. */
  rename: Map<string, string>;
  /** Columns dropped, by their name in the file. */
  ignore: Set<string>;
  /** Rows per transaction. */
  batch: number;
  /** Validate and count, store nothing. */
  dryRun: boolean;
}

export const DEFAULT_BATCH = 50_000;
