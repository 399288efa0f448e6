import { describe, expect, it } from 'vitest';
import { createMetrics } from '../../metrics/metrics.ts';
import { parsePrometheusText } from './prometheus-text.ts';
import { bucketQuantile, summarise } from './summary.ts';

const NOW = Date.parse('2026-11-22T10:15:00Z');
const at = (iso: string) => new Date(iso);

describe('the operations summary', () => {
  it('reads what the registry exports: requests, cache ratio, queries, providers, purges', async () => {
    const m = createMetrics();
    m.httpRequests.inc({ method: 'GET', route: 'place', status: '200' }, 3);
    m.httpRequests.inc({ method: 'HEAD', route: 'place', status: '200' });
    m.httpRequests.inc({ method: 'GET', route: 'place', status: '404' });
    for (const s of [0.001, 0.002, 0.02, 0.2]) m.httpDuration.observe({ route: 'place' }, s);
    m.cacheRequests.inc({ result: 'hit' }, 6);
    m.cacheRequests.inc({ result: 'coalesced' }, 1);
    m.cacheRequests.inc({ result: 'miss' }, 3);
    m.dbQueries.inc({ query: 'place_weather' }, 4);
    m.providerRequests.inc({ provider: 'open-meteo', outcome: 'ok' }, 5);
    m.providerRequests.inc({ provider: 'open-meteo', outcome: 'timeout' }, 2);
    m.providerPlacesBehind.set({ provider: 'open-meteo' }, 7);
    m.edgePurges.inc({ result: 'failed' });
    const s = summarise(parsePrometheusText(await m.registry.metrics()), NOW);
    expect(s.requests).toEqual([
      { route: 'place', status: '200', count: 4 },
      { route: 'place', status: '404', count: 1 },
    ]);
    expect(s.routes[0]).toMatchObject({ route: 'place', count: 5 });
    expect(s.routes[0]!.p50).toBeGreaterThan(0.001);
    expect(s.routes[0]!.p50).toBeLessThanOrEqual(0.025);
    expect(s.cache.ratio).toBeCloseTo(0.7);
    expect(s.queries).toEqual([{ query: 'place_weather', count: 4 }]);
    expect(s.providers).toEqual([
      expect.objectContaining({
        provider: 'open-meteo',
        ok: 5,
        errors: 2,
        behind: 7,
        errorsByOutcome: { timeout: 2 },
      }),
    ]);
    expect(s.purges).toEqual([{ result: 'failed', count: 1 }]);
  });

  it('reads ingestion by source: rows, rejected rows, errors, newest data time and lag', async () => {
    const m = createMetrics();
    const outcome = { inserted: 0, replaced: 0, unchanged: 0, rejected: 0, newest: null };
    m.ingest.recordWrite(
      'observations',
      [
        { ...outcome, source: 'met', inserted: 4, replaced: 1, newest: at('2026-11-22T10:00:00Z') },
        { ...outcome, source: 'synop', unchanged: 2, newest: at('2026-11-22T08:10:00Z') },
      ],
      Date.parse('2026-11-22T10:05:00Z'),
    );
    // A late batch of older data leaves the newest time where it was; forecasts have their own.
    m.ingest.recordWrite(
      'observations',
      [{ ...outcome, source: 'met', inserted: 1, newest: at('2026-11-21T00:00:00Z') }],
      Date.parse('2026-11-22T10:06:00Z'),
    );
    m.ingest.recordWrite(
      'forecasts',
      [{ ...outcome, source: 'met', inserted: 48, newest: at('2026-11-22T06:00:00Z') }],
      Date.parse('2026-11-22T10:07:00Z'),
    );
    m.ingest.recordWrite('observations', [{ ...outcome, source: 'synop', rejected: 3 }], NOW);
    m.ingest.recordError('synop', 'invalid_rows');
    m.ingest.recordError('open-meteo', 'timeout');
    const s = summarise(parsePrometheusText(await m.registry.metrics()), NOW);
    expect(s.ingestion).toEqual([
      {
        source: 'met',
        stored: 54,
        unchanged: 0,
        rejected: 0,
        errorsByReason: {},
        newest: Date.parse('2026-11-22T10:00:00Z') / 1000,
        newestKind: 'observations',
        lag: 15 * 60,
        lastWrite: Date.parse('2026-11-22T10:07:00Z') / 1000,
      },
      {
        source: 'open-meteo',
        stored: 0,
        unchanged: 0,
        rejected: 0,
        errorsByReason: { timeout: 1 },
        newest: null,
        newestKind: null,
        lag: null,
        lastWrite: null,
      },
      expect.objectContaining({
        source: 'synop',
        unchanged: 2,
        rejected: 3,
        errorsByReason: { invalid_rows: 1 },
        lag: 2 * 3600 + 5 * 60,
        // The refused batch stored nothing, so the last write is the earlier one.
        lastWrite: Date.parse('2026-11-22T10:05:00Z') / 1000,
      }),
    ]);
  });

  it('counts sources past the first 50 as _other, so the label set stays bounded', async () => {
    const m = createMetrics();
    const row = { inserted: 1, replaced: 0, unchanged: 0, rejected: 0, newest: null };
    for (let i = 0; i < 60; i++)
      m.ingest.recordWrite('observations', [{ ...row, source: `s${i}` }], NOW);
    m.ingest.recordWrite('observations', [{ ...row, source: 's0' }], NOW);
    const s = summarise(parsePrometheusText(await m.registry.metrics()), NOW);
    expect(s.ingestion).toHaveLength(51);
    expect(s.ingestion.find((i) => i.source === '_other')?.stored).toBe(10);
    expect(s.ingestion.find((i) => i.source === 's0')?.stored).toBe(2);
  });

  it('has no ratio and no quantile before anything is counted', () => {
    const s = summarise([], NOW);
    expect(s.cache.ratio).toBeNull();
    expect(s.ingestion).toEqual([]);
    expect(
      bucketQuantile(
        [
          { le: 0.1, count: 0 },
          { le: Number.POSITIVE_INFINITY, count: 0 },
        ],
        0.5,
      ),
    ).toBeNull();
  });

  it('interpolates a quantile inside its bucket, as histogram_quantile does', () => {
    const buckets = [
      { le: 0.1, count: 50 },
      { le: 0.2, count: 100 },
      { le: Number.POSITIVE_INFINITY, count: 100 },
    ];
    expect(bucketQuantile(buckets, 0.5)).toBeCloseTo(0.1);
    expect(bucketQuantile(buckets, 0.75)).toBeCloseTo(0.15);
  });

  it('reads escaped label values and skips lines it cannot read', () => {
    const samples = parsePrometheusText(
      '# HELP x y\nx_total{a="q\\"uote",b="line\\nbreak"} 2\nnot a sample line at all\ny 1.5e3\n',
    );
    expect(samples).toEqual([
      { name: 'x_total', labels: { a: 'q"uote', b: 'line\nbreak' }, value: 2 },
      { name: 'y', labels: {}, value: 1500 },
    ]);
  });
});
