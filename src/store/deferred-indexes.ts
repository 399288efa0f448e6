// Protects bench:memory's row "PGlite: first start (empty database) to the serving line"
// (bench/memory.ts): a first start copies the whole catalog into empty tables. Keeping their
// secondary indexes up to date row by row, and checking every name's foreign key row by row,
// cost more than the rows themselves (135,000 places and 212,000 names on PGlite: ~3 s and
// ~5.5 s by bound arrays; by COPY with the indexes and keys rebuilt after, about half of each).
// Rebuilt after means built once from sorted input, and a foreign key checked by one join.
import { type Queryable, statement } from './database.ts';

/** One index or foreign key set aside: the statement that drops it and the one that makes it. */
interface Deferred {
  drop: string;
  create: string;
}

// Everything is read from the catalog, as the migrations made it, so there is no second copy
// of a definition to drift: indexes that back no constraint (the primary keys and UNIQUE
// constraints stay, for ON CONFLICT and for the keys that reference them), and the tables' own
// foreign keys. Foreign keys go first and come back last, after the indexes.
const deferrable = statement(
  'deferred_indexes_read',
  `SELECT d.drop, d.create FROM (
     SELECT 1 AS step, format('DROP INDEX %I.%I', n.nspname, i.relname) AS drop,
            pg_get_indexdef(i.oid) AS create, i.relname AS name
       FROM pg_index x
       JOIN pg_class t ON t.oid = x.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
       JOIN pg_class i ON i.oid = x.indexrelid
      WHERE n.nspname = current_schema() AND t.relname = ANY($1::text[])
        AND NOT EXISTS (SELECT 1 FROM pg_constraint k
                         WHERE k.conindid = x.indexrelid AND k.conrelid = x.indrelid)
     UNION ALL
     SELECT 0, format('ALTER TABLE %I.%I DROP CONSTRAINT %I', n.nspname, t.relname, k.conname),
            format('ALTER TABLE %I.%I ADD CONSTRAINT %I %s', n.nspname, t.relname, k.conname,
                   pg_get_constraintdef(k.oid)),
            k.conname
       FROM pg_constraint k
       JOIN pg_class t ON t.oid = k.conrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE k.contype = 'f' AND n.nspname = current_schema() AND t.relname = ANY($1::text[])
   ) AS d ORDER BY d.step, d.name`,
);

/** A statement the catalog wrote (deferrable), run as it came. */
const ddl = (text: string) => statement('deferred_indexes_ddl', text);

/**
 * Runs `fn` with the secondary indexes and foreign keys of `tables` dropped, then makes them
 * again from their own definitions, all inside the caller's transaction: a failure anywhere
 * rolls the drops back with the rows, so nothing is left half-built. For filling empty tables
 * (the drops lock them until commit); the indexes and keys are checked as they are rebuilt, so
 * rows that break a unique index or a key fail the transaction as they would have row by row.
 */
export async function withIndexesDeferred<T>(
  tx: Queryable,
  tables: readonly string[],
  fn: () => Promise<T>,
): Promise<T> {
  const deferred = await tx.all<Deferred>(deferrable, [tables]);
  for (const d of deferred) await tx.run(ddl(d.drop));
  const result = await fn();
  for (const d of deferred.toReversed()) await tx.run(ddl(d.create));
  return result;
}
