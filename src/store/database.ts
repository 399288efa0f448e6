/** A named SQL statement with `$1…$n` placeholders; values are always bound, never spliced in. */
export interface Statement {
  readonly name: string;
  readonly text: string;
}

/** Declares a statement once, at module level, so its name labels metrics and prepared plans. */
export function statement(name: string, text: string): Statement {
  return Object.freeze({ name, text });
}

export interface RunResult {
  rowCount: number;
}

/** A table and columns that rows are copied into with COPY, the fastest way in for many rows. */
export interface CopyTarget {
  readonly name: string;
  readonly table: string;
  readonly columns: readonly string[];
}

/** Declares a COPY target once, at module level; its names are spliced in, so only identifiers. */
export function copyTarget(name: string, table: string, columns: readonly string[]): CopyTarget {
  for (const id of [table, ...columns]) {
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(id)) throw new Error(`bad identifier "${id}" for COPY`);
  }
  return Object.freeze({ name, table, columns: Object.freeze([...columns]) });
}

/** What repositories need: bound-parameter fetches, whether on the pool or inside a transaction. */
export interface Queryable {
  all<T extends object>(stmt: Statement, params?: readonly unknown[]): Promise<T[]>;
  one<T extends object>(stmt: Statement, params?: readonly unknown[]): Promise<T | undefined>;
  column<T>(stmt: Statement, params?: readonly unknown[]): Promise<T[]>;
  run(stmt: Statement, params?: readonly unknown[]): Promise<RunResult>;
  /**
   * Copies rows into a table (COPY … FROM, in PostgreSQL's text format: copy-text.ts), values
   * in the target's column order; returns how many rows went in.
   */
  copyFrom(target: CopyTarget, rows: readonly (readonly unknown[])[]): Promise<number>;
  /** Runs `fn` in a transaction (a savepoint when already inside one); rolls back if it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
}

/** What a listener is told besides each message. */
export interface ListenEvents {
  /** A notification's payload. */
  message(payload: string): void;
  /**
   * Messages may have been missed: the listening connection was lost and is back. Whoever keeps
   * state from the messages must start over.
   */
  gap(): void;
  /** Something the operator should hear of: the listening connection stopped hearing, and why. */
  trouble?(message: string): void;
}

export interface Database extends Queryable {
  readonly driver: 'pg' | 'pglite';
  /**
   * Listens on a channel (LISTEN) until the returned function is called. On a server, a lost
   * connection (or one a heartbeat finds deaf) is re-established in the background, each time
   * reported as a gap.
   */
  listen(channel: string, events: ListenEvents): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** Channel names are identifiers spliced into LISTEN: only constants of this shape are taken. */
export function checkChannel(channel: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(channel)) throw new Error(`bad channel name "${channel}"`);
  return channel;
}

/** Called once per statement executed, with its name: the hook behind isobar_db_queries_total. */
export type QueryObserver = (name: string) => void;

/** The one error type of the store, whatever the driver; `code` is the SQLSTATE. */
export class DatabaseError extends Error {
  override name = 'DatabaseError';
  readonly code: string;
  readonly statementName: string | undefined;
  constructor(
    message: string,
    code: string,
    statementName: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.code = code;
    this.statementName = statementName;
  }
}

/** Wraps a driver error into DatabaseError, keeping the SQLSTATE both drivers expose as `code`. */
export function toDatabaseError(err: unknown, statementName?: string): DatabaseError {
  if (err instanceof DatabaseError) return err;
  const e = err as { message?: string; code?: unknown };
  // Socket errors (ECONNREFUSED…) carry a Node code, not a SQLSTATE: report them as connection
  // failures.
  // node-postgres's own connection timeouts carry no code at all.
  const code =
    typeof e?.code === 'string'
      ? /^[0-9A-Z]{5}$/.test(e.code)
        ? e.code
        : '08006'
      : /timeout exceeded when trying to connect|Connection terminated/i.test(e?.message ?? '')
        ? '08006'
        : 'XX000';
  return new DatabaseError(e?.message ?? String(err), code, statementName, { cause: err });
}
