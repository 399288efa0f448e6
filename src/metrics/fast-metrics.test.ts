import { Counter, Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { FastCounter, FastHistogram } from './fast-metrics.ts';

const BUCKETS = [0.001, 0.01, 0.1, 1];

/** The same metrics made by prom-client and by fast-metrics, fed the same observations. */
function both() {
  const [theirs, ours] = [new Registry(), new Registry()];
  const config = (registers: Registry[]) => ({
    name: 'requests_total',
    help: 'Requests',
    labelNames: ['route', 'status'] as const,
    registers,
  });
  const durations = (registers: Registry[]) => ({
    name: 'duration_seconds',
    help: 'Durations',
    labelNames: ['route'] as const,
    buckets: BUCKETS,
    registers,
  });
  return {
    theirs,
    ours,
    counters: [new Counter(config([theirs])), new FastCounter(config([ours]))],
    histograms: [new Histogram(durations([theirs])), new FastHistogram(durations([ours]))],
  };
}

describe('fast metrics', () => {
  it("expose what prom-client's own would, to the last line", async () => {
    const { theirs, ours, counters, histograms } = both();
    for (const c of counters) {
      c.labels({ route: 'place', status: '200' }).inc();
      c.labels({ route: 'place', status: '200' }).inc(2);
      c.inc({ route: 'search', status: '404' });
    }
    for (const h of histograms) {
      for (const v of [0.0005, 0.001, 0.002, 0.05, 3]) h.labels({ route: 'place' }).observe(v);
      h.observe({ route: 'search' }, 0.5);
    }
    expect(await ours.metrics()).toBe(await theirs.metrics());
    expect(await ours.getSingleMetricAsString('requests_total')).toMatch(
      /requests_total\{route="place",status="200"\} 3/,
    );
  });

  it('start again from nothing when reset', async () => {
    const { theirs, ours, counters } = both();
    for (const c of counters) {
      c.inc({ route: 'place', status: '200' }, 5);
      c.reset();
      c.inc({ route: 'place', status: '200' });
    }
    expect(await ours.metrics()).toBe(await theirs.metrics());
  });

  it('refuse a label the metric does not have', () => {
    const { counters } = both();
    expect(() => counters[1]!.inc({ colour: 'red' } as never)).toThrow(/no label "colour"/);
  });
});
