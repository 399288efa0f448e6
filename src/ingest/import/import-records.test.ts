import { describe, expect, it } from 'vitest';
import type { Queryable } from '../../store/database.ts';
import type { SourceRecord } from './csv-records.ts';
import type { ImportOptions } from './import-options.ts';
import { importRecords } from './import-records.ts';

const options: ImportOptions = {
  format: 'ndjson',
  rename: new Map(),
  ignore: new Set(),
  batch: 10,
  dryRun: false,
};

/**
 * A database that knows one place (London) at once and holds every write until `release()`, then
 * lets it go without running it.
 */
function stalledDatabase() {
  const waiting: (() => void)[] = [];
  const london = { id: 1, geonamesId: 2643743, countryCode: 'GB', slug: 'London', population: 1 };
  const db = {
    all: async () => [london],
    transaction: () => new Promise((resolve) => waiting.push(() => resolve(undefined))),
  } as unknown as Queryable;
  const release = () => {
    for (const go of waiting.splice(0)) go();
  };
  return { db, release, waiting };
}

describe('importRecords', () => {
  it('stops reading while a batch is being written and the next one is full', async () => {
    let pulled = 0;
    async function* records(): AsyncGenerator<SourceRecord> {
      for (let line = 1; line <= 1000; line++) {
        pulled++;
        const fields = { place: 'GB/London', source: 's', observed_at: '2026-01-01T00:00:00Z' };
        yield { line, fields: { ...fields, condition: 'clear' } };
      }
    }
    const { db, release, waiting } = stalledDatabase();
    const bad: number[] = [];
    const done = importRecords(db, records(), options, { onBadRow: (b) => bad.push(b.line) });
    await new Promise((r) => setTimeout(r, 50));
    // One batch in the writer, one read ahead (and its place found), and no more.
    expect(waiting).toHaveLength(1);
    expect(pulled).toBe(2 * options.batch);
    const timer = setInterval(release, 1);
    const totals = await done.finally(() => clearInterval(timer));
    // Each batch holds one time ten times: one row to write, nine repeats refused.
    expect(totals).toMatchObject({
      read: 1000,
      rejected: 900,
      batches: 100,
      kind: 'observations',
    });
    expect(bad).toHaveLength(900);
  });
});
