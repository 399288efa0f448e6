import { type Queryable, statement } from './database.ts';
import {
  MIGRATIONS_DIR,
  type MigrationFile,
  readMigrations,
  schemaRefusal,
  schemaStatus,
} from './schema-status.ts';

export { MIGRATIONS_DIR } from './schema-status.ts';

// Same bookkeeping table as drizzle's own migrator, so drizzle-kit tooling agrees with us.
const lock = statement('migrate_lock', 'SELECT pg_advisory_xact_lock(7355608)');
const createSchema = statement('migrate_schema', 'CREATE SCHEMA IF NOT EXISTS drizzle');
const createTable = statement(
  'migrate_table',
  `CREATE TABLE IF NOT EXISTS drizzle.__drizzle_migrations
     (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint)`,
);
const record = statement(
  'migrate_record',
  'INSERT INTO drizzle.__drizzle_migrations (hash, created_at) VALUES ($1, $2)',
);

/**
 * Applies pending migrations in one transaction under an advisory lock, so several origin
 * copies starting together apply each migration exactly once. Returns how many ran.
 *
 * Refuses (StoreRefusal, nothing applied) a database where an applied migration's file has
 * changed since, or that carries migrations this version does not know: a newer isobar made it.
 * A migration missing from the bookkeeping is applied even when a later one is recorded (two
 * branches merged), where drizzle's own migrator would skip it.
 */
export async function migrate(db: Queryable, migrationsFolder = MIGRATIONS_DIR): Promise<number> {
  const files = readMigrations(migrationsFolder);
  return db.transaction(async (tx) => {
    await tx.run(lock);
    await tx.run(createSchema);
    await tx.run(createTable);
    const status = await schemaStatus(tx, files);
    const refusal = schemaRefusal(status);
    if (refusal) throw refusal;
    for (const m of status.pending) await apply(tx, m);
    return status.pending.length;
  });
}

async function apply(tx: Queryable, m: MigrationFile): Promise<void> {
  // Migration files are our own committed SQL, one statement per breakpoint, with nothing bound.
  for (const [i, text] of m.sql.entries()) {
    if (text.trim()) await tx.run(statement(`migration_${m.createdAt}_${i}`, text));
  }
  await tx.run(record, [m.hash, m.createdAt]);
}
