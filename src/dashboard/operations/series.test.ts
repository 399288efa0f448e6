import { describe, expect, it } from 'vitest';
import { createOperationsHistory, type Reading } from './history.ts';
import { intervals, providerState } from './series.ts';
import { summarise } from './summary.ts';

const T0 = Date.parse('2026-11-22T10:00:00Z');
const MIN = 60_000;

const reading = (minute: number, r: Partial<Reading>): Reading => ({
  at: T0 + minute * MIN,
  requests: 0,
  lookups: 0,
  hits: 0,
  providers: {},
  lag: null,
  ...r,
});

describe("the operations page's time series", () => {
  it('turns counters into what happened in each interval, per minute where a rate', () => {
    const steps = intervals([
      reading(0, { requests: 100, lookups: 10, hits: 5, providers: { om: { ok: 1, errors: 0 } } }),
      reading(2, { requests: 160, lookups: 20, hits: 13, providers: { om: { ok: 4, errors: 2 } } }),
      reading(3, { requests: 160, lookups: 20, hits: 13, providers: { om: { ok: 4, errors: 2 } } }),
    ]);
    expect(steps).toEqual([
      {
        at: T0 + 2 * MIN,
        requestsPerMinute: 30,
        hitRatio: 0.8,
        providerOk: 3,
        providerErrors: 2,
        lag: null,
      },
      // Nothing looked up: no ratio rather than a ratio of 0.
      expect.objectContaining({ requestsPerMinute: 0, hitRatio: null, providerOk: 0 }),
    ]);
  });

  it('counts from zero again after a restart, rather than a negative rate', () => {
    const [step] = intervals([reading(0, { requests: 500 }), reading(1, { requests: 40 })]);
    expect(step!.requestsPerMinute).toBe(40);
  });

  it('calls a provider failing when it failed lately and answered nothing', () => {
    const before = reading(0, { providers: { om: { ok: 10, errors: 0 } } });
    const failing = reading(1, { providers: { om: { ok: 10, errors: 3 } } });
    const mixed = reading(2, { providers: { om: { ok: 12, errors: 4 } } });
    const calm = reading(3, { providers: { om: { ok: 13, errors: 4 } } });
    const totals = { ok: 13, errors: 4 };
    expect(providerState('om', totals, [before, failing])).toBe('failing');
    expect(providerState('om', totals, [failing, mixed])).toBe('errors');
    expect(providerState('om', totals, [mixed, calm])).toBe('ok');
    // With one reading only, the totals since the start decide.
    expect(providerState('om', { ok: 0, errors: 2 }, [before])).toBe('failing');
  });

  it('keeps a bounded ring, and a reading close to the last replaces it', () => {
    const history = createOperationsHistory({ keep: 3, minGapMs: 30_000 });
    const s = summarise([], T0);
    for (const minute of [0, 1, 2, 3]) history.record(s, T0 + minute * MIN);
    expect(history.readings().map((r) => (r.at - T0) / MIN)).toEqual([1, 2, 3]);
    history.record(s, T0 + 3 * MIN + 10_000);
    expect(history.readings().map((r) => (r.at - T0) / 1000)).toEqual([60, 120, 190]);
  });
});
