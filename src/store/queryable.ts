import { type Queryable, type QueryObserver, type Statement, toDatabaseError } from './database.ts';

export interface RawResult {
  rows: unknown[];
  rowCount: number;
}

/** The little each driver must provide: run one bound statement, and open a transaction. */
export interface Connection {
  query(
    text: string,
    params: readonly unknown[],
    arrayRows: boolean,
    name?: string,
  ): Promise<RawResult>;
  /** Copies rows (values in the columns' order) into a table; returns how many went in. */
  copyIn(
    table: string,
    columns: readonly string[],
    rows: readonly (readonly unknown[])[],
  ): Promise<number>;
  /** Runs fn on one connection between BEGIN and COMMIT, rolling back if it throws. */
  begin<T>(fn: (conn: Connection) => Promise<T>): Promise<T>;
}

let savepoints = 0;

/** Builds the PDO-like surface over a driver connection; shared by both drivers. */
export function createQueryable(
  conn: Connection,
  observe: QueryObserver,
  inTransaction = false,
): Queryable {
  const exec = async (stmt: Statement, params: readonly unknown[] = [], arrayRows = false) => {
    observe(stmt.name);
    try {
      return await conn.query(stmt.text, params, arrayRows, stmt.name);
    } catch (err) {
      throw toDatabaseError(err, stmt.name);
    }
  };

  const q: Queryable = {
    all: async <T extends object>(stmt: Statement, params?: readonly unknown[]) =>
      (await exec(stmt, params)).rows as T[],
    one: async <T extends object>(stmt: Statement, params?: readonly unknown[]) =>
      (await exec(stmt, params)).rows[0] as T | undefined,
    column: async <T>(stmt: Statement, params?: readonly unknown[]) =>
      ((await exec(stmt, params, true)).rows as unknown[][]).map((r) => r[0] as T),
    run: async (stmt, params) => ({ rowCount: (await exec(stmt, params)).rowCount }),
    copyFrom: async (target, rows) => {
      observe(target.name);
      if (rows.length === 0) return 0;
      try {
        return await conn.copyIn(target.table, target.columns, rows);
      } catch (err) {
        throw toDatabaseError(err, target.name);
      }
    },
    transaction: async (fn) => {
      if (!inTransaction) {
        try {
          return await conn.begin((c) => fn(createQueryable(c, observe, true)));
        } catch (err) {
          throw err instanceof Error && err.name !== 'DatabaseError' && 'code' in err
            ? toDatabaseError(err)
            : err;
        }
      }
      // Nested: a savepoint, so an inner failure can be caught without losing the outer work.
      const sp = `sp_${++savepoints}`;
      await conn.query(`SAVEPOINT ${sp}`, [], false);
      try {
        const result = await fn(q);
        await conn.query(`RELEASE SAVEPOINT ${sp}`, [], false);
        return result;
      } catch (err) {
        await conn.query(`ROLLBACK TO SAVEPOINT ${sp}`, [], false);
        throw err;
      }
    },
  };
  return q;
}
