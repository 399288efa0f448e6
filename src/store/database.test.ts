import { describe, expect, it } from 'vitest';
import { drivers, SERVER_URL, useMigratedDatabase } from '../../test/support/databases.ts';
import { copyTarget } from './database.ts';
import { DatabaseError, migrate, openDatabase, statement } from './index.ts';

const insertPlace = statement(
  'test_insert_place',
  `INSERT INTO locations (geonames_id, country_code, country_name, name, slug, slug_key,
                          search_key, latitude, longitude, timezone)
   VALUES ($1, 'GB', 'United Kingdom', $2, $2, lower($2), lower($2), 51.5, -0.1, 'Europe/London')`,
);
const countPlaces = statement(
  'test_count',
  'SELECT count(*)::int AS n FROM locations WHERE geonames_id >= $1',
);
const namesFrom = statement(
  'test_names',
  'SELECT name FROM locations WHERE geonames_id >= $1 ORDER BY geonames_id',
);
const echo = statement('test_echo', 'SELECT $1::text AS value');

describe.each(drivers)('database handle on $name', (driver) => {
  const { skip } = driver;
  const seen: string[] = [];
  const t = useMigratedDatabase(driver, { observe: (name) => seen.push(name) });

  it.skipIf(skip)('migrates once, then finds nothing pending', async () => {
    expect(await migrate(t().db)).toBe(0);
  });

  it.skipIf(skip)(
    "compresses the read model's documents with lz4 where the server has it",
    async () => {
      const compression = statement(
        'test_compression',
        `SELECT attname AS column, attcompression AS method FROM pg_attribute
        WHERE attrelid = 'place_reads'::regclass
          AND attname IN ('json_metric', 'json_imperial', 'forecast') ORDER BY attname`,
      );
      // PGlite is built without lz4: its columns keep the default (pglz, shown as '').
      const method = driver.name === 'postgres' ? 'l' : '';
      expect(await t().db.all(compression)).toEqual(
        ['forecast', 'json_imperial', 'json_metric'].map((column) => ({ column, method })),
      );
    },
  );

  it.skipIf(skip)('binds parameters, so SQL metacharacters are only data', async () => {
    const nasty = "x'); DROP TABLE locations; --";
    expect(await t().db.one(echo, [nasty])).toEqual({ value: nasty });
    expect(await t().db.column<string>(echo, ['a'])).toEqual(['a']);
    expect(await t().db.one<{ n: number }>(countPlaces, [0])).toEqual({ n: 0 });
  });

  it.skipIf(skip)('commits a transaction and rolls one back when it throws', async () => {
    await t().db.transaction(async (tx) => {
      await tx.run(insertPlace, [100, 'Kept']);
    });
    await expect(
      t().db.transaction(async (tx) => {
        await tx.run(insertPlace, [101, 'Lost']);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await t().db.column<string>(namesFrom, [100])).toEqual(['Kept']);
  });

  it.skipIf(skip)('rolls back only the inner savepoint of a nested transaction', async () => {
    await t().db.transaction(async (tx) => {
      await tx.run(insertPlace, [200, 'Outer']);
      await tx
        .transaction(async (inner) => {
          await inner.run(insertPlace, [201, 'Inner']);
          throw new Error('inner');
        })
        .catch(() => {});
    });
    expect(await t().db.column<string>(namesFrom, [200])).toEqual(['Outer']);
  });

  it.skipIf(skip)('reports the SQLSTATE in one error type whatever the driver', async () => {
    await t().db.run(insertPlace, [300, 'Once']);
    const err = await t()
      .db.run(insertPlace, [300, 'Twice'])
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatabaseError);
    expect((err as DatabaseError).code).toBe('23505');
    expect((err as DatabaseError).statementName).toBe('test_insert_place');
    const div = await t()
      .db.one(statement('test_div', 'SELECT 1 / $1::int AS x'), [0])
      .catch((e: unknown) => e);
    expect((div as DatabaseError).code).toBe('22012');
  });

  it.skipIf(skip)('tells the observer the name of every statement', async () => {
    const from = seen.length; // only what this test runs, whichever tests ran before it
    await t().db.one(echo, ['observed']);
    await t().db.transaction((tx) => tx.one(countPlaces, [0]));
    const names = seen.slice(from);
    expect(names).toContain('test_echo');
    expect(names.filter((n) => n === 'test_count')).toHaveLength(1);
  });

  it.skipIf(skip)('copies rows with COPY, text escaped, in the transaction', async () => {
    const target = copyTarget('test_copy', 'copy_test', ['n', 'label', 'at']);
    const rows = [
      [1, 'tab\there, back\\slash,\nnew line\r', null],
      [2, 'Zürich \\N', new Date('2026-06-01T10:00:00Z')],
    ];
    await t().db.run(
      statement('test_copy_table', 'CREATE TABLE copy_test (n int, label text, at timestamptz)'),
    );
    await t()
      .db.transaction(async (tx) => {
        expect(await tx.copyFrom(target, rows)).toBe(2);
        expect(await tx.copyFrom(target, [])).toBe(0);
        const back = await tx.all(
          statement('test_copy_read', 'SELECT * FROM copy_test ORDER BY n'),
        );
        expect(back).toEqual([
          { n: 1, label: rows[0]![1], at: null },
          { n: 2, label: rows[1]![1], at: rows[1]![2] },
        ]);
        throw new Error('roll back');
      })
      .catch(() => {});
    expect(await t().db.all(statement('test_copy_read', 'SELECT * FROM copy_test'))).toEqual([]);
    await expect(t().db.copyFrom(target, [[Number.NaN, 'x', null]])).rejects.toThrow(/NaN/);
    // Past the first rows sent (a COPY goes in slices): still nothing stored, and the connections
    // go on.
    const many = Array.from({ length: 2500 }, (_, i) => [i, 'x', null]);
    many[2100] = [Number.NaN, 'x', null];
    for (let i = 0; i < 3; i++) {
      await expect(t().db.copyFrom(target, many)).rejects.toThrow(/NaN/);
    }
    expect(await t().db.all(statement('test_copy_read', 'SELECT * FROM copy_test'))).toEqual([]);
    expect(await t().db.copyFrom(target, many.slice(0, 2000))).toBe(2000);
  });
});

describe('the Postgres driver', () => {
  const postgres = drivers.find((d) => d.name === 'postgres')!;
  const showJit = statement('test_show_jit', 'SHOW jit');

  it.skipIf(postgres.skip)("turns the server's JIT compiler off, unless the DSN says", async () => {
    const plain = await openDatabase(SERVER_URL);
    const url = new URL(SERVER_URL);
    url.searchParams.set('options', '-c jit=on');
    const asked = await openDatabase(url.toString());
    try {
      expect(await plain.one(showJit)).toEqual({ jit: 'off' });
      expect(await asked.one(showJit)).toEqual({ jit: 'on' });
    } finally {
      await plain.close();
      await asked.close();
    }
  });
});
