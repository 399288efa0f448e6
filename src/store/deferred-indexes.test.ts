import { describe, expect, it } from 'vitest';
import { drivers, rolledBack, useMigratedDatabase } from '../../test/support/databases.ts';
import { tableStructure } from '../../test/support/table-structure.ts';
import { DatabaseError, type Queryable, statement } from './database.ts';
import { withIndexesDeferred } from './deferred-indexes.ts';

const TABLES = ['deferred_parent', 'deferred_child'];

// A parent with a primary key, a unique constraint and two plain indexes (one on an
// expression, one partial, one unique); a child whose foreign key references it.
const DDL = [
  `CREATE TABLE deferred_parent (id int PRIMARY KEY, code text UNIQUE, name text, size int)`,
  `CREATE INDEX deferred_parent_name ON deferred_parent (lower(name) text_pattern_ops)`,
  `CREATE INDEX deferred_parent_big ON deferred_parent (size DESC NULLS LAST) WHERE size > 10`,
  `CREATE UNIQUE INDEX deferred_parent_name_size ON deferred_parent (name, size)`,
  `CREATE TABLE deferred_child (parent_id int NOT NULL REFERENCES deferred_parent (id)
     ON DELETE CASCADE, key text NOT NULL, PRIMARY KEY (parent_id, key))`,
  `CREATE INDEX deferred_child_key ON deferred_child (key)`,
].map((text, i) => statement(`test_deferred_ddl_${i}`, text));

const insertParent = statement(
  'test_deferred_parent',
  `INSERT INTO deferred_parent SELECT g, 'c' || g, 'N' || g, g FROM generate_series(1, 50) g`,
);
const insertChild = statement(
  'test_deferred_child',
  'INSERT INTO deferred_child SELECT $1::int, k FROM unnest($2::text[]) k',
);

async function createTables(tx: Queryable): Promise<void> {
  for (const ddl of DDL) await tx.run(ddl);
}

describe.each(drivers)('withIndexesDeferred on $name', (driver) => {
  const db = useMigratedDatabase(driver);

  it.skipIf(driver.skip)(
    'drops the secondary indexes and foreign keys while it fills, and makes them again as they were',
    async () => {
      await rolledBack(db().db, async (tx) => {
        await createTables(tx);
        const before = await tableStructure(tx, TABLES);
        const during = await withIndexesDeferred(tx, TABLES, async () => {
          await tx.run(insertParent);
          await tx.run(insertChild, [1, ['a', 'b']]);
          return tableStructure(tx, TABLES);
        });
        // Only what backs a constraint (keys, unique constraints) stays while the rows go in.
        const set = ['child_key ', 'parent_name ', 'parent_big ', 'parent_name_size ', 'FOREIGN'];
        expect(before.filter((d) => set.some((s) => d.includes(s)))).toHaveLength(set.length);
        expect(during).toEqual(before.filter((d) => !set.some((s) => d.includes(s))));
        expect(await tableStructure(tx, TABLES)).toEqual(before);
      });
    },
  );

  it.skipIf(driver.skip)(
    'fails as row by row would when a row breaks a key it rebuilt',
    async () => {
      await rolledBack(db().db, async (tx) => {
        await createTables(tx);
        await tx.run(insertParent);
        const before = await tableStructure(tx, TABLES);
        // Parent 999 does not exist: the foreign key, made again, refuses the row.
        const load = tx.transaction((inner) =>
          withIndexesDeferred(inner, TABLES, () => inner.run(insertChild, [999, ['x']])),
        );
        await expect(load).rejects.toBeInstanceOf(DatabaseError);
        await expect(load).rejects.toMatchObject({ code: '23503' });
        // The failed load's savepoint rolled back: every index and key is there, none half-built.
        expect(await tableStructure(tx, TABLES)).toEqual(before);
      });
    },
  );

  it.skipIf(driver.skip)('leaves everything as it was when the fill throws', async () => {
    await rolledBack(db().db, async (tx) => {
      await createTables(tx);
      const before = await tableStructure(tx, TABLES);
      const load = tx.transaction((inner) =>
        withIndexesDeferred(inner, TABLES, async () => {
          await inner.run(insertParent);
          throw new Error('stopped mid-load');
        }),
      );
      await expect(load).rejects.toThrow('stopped mid-load');
      expect(await tableStructure(tx, TABLES)).toEqual(before);
    });
  });
});
