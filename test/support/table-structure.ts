import { type Queryable, statement } from '../../src/store/index.ts';

// Every index (as pg_indexes spells it) and every constraint of the tables, one line each.
const structure = statement(
  'test_table_structure',
  `SELECT def FROM (
     SELECT indexdef AS def FROM pg_indexes
      WHERE schemaname = current_schema() AND tablename = ANY($1::text[])
     UNION ALL
     SELECT format('%s %s: %s', t.relname, k.conname, pg_get_constraintdef(k.oid))
       FROM pg_constraint k
       JOIN pg_class t ON t.oid = k.conrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = current_schema() AND t.relname = ANY($1::text[])
   ) AS s ORDER BY def`,
);

/** The indexes and constraints of `tables`, as sorted definitions: what a load must leave as it found. */
export async function tableStructure(q: Queryable, tables: readonly string[]): Promise<string[]> {
  return (await q.all<{ def: string }>(structure, [tables])).map((r) => r.def);
}
