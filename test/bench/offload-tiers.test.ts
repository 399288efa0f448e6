import { describe, expect, it } from 'vitest';
import {
  type Cause,
  createTiers,
  type EdgeStatus,
  type Render,
} from '../../bench/support/offload/tiers.ts';

const S = 1000;

/**
 * One key at two data centres. Its data changes once, at 100 s; every answer lives 60 s
 * (`staleS` more stale-while-revalidate), except that from 170 s the promised update is overdue.
 */
function scenario(options: {
  upperTier: boolean;
  purges?: boolean;
  staleS?: number;
  staleAtDataCentres?: boolean;
}) {
  const origin: [number, Cause, boolean][] = [];
  const outdated: number[] = [];
  let renders = 0;
  const tiers = createTiers({
    dataCentres: 2,
    keys: 1,
    upperTier: options.upperTier,
    purges: options.purges ?? true,
    staleAtDataCentres: options.staleAtDataCentres ?? true,
    origin: {
      version: (_key, t) => (t < 100 * S ? 0 : 1),
      render: (_key, t): Render => ({
        maxAgeMs: 60 * S,
        staleMs: (options.staleS ?? 0) * S,
        overdue: t >= 170 * S,
      }),
    },
    onOrigin(_key, t, cause, notModified, rendered) {
      origin.push([t / S, cause, notModified]);
      if (rendered) renders++;
    },
    onOutdated: (_key, t) => outdated.push(t / S),
  });
  const ask = (dc: number, seconds: number): EdgeStatus => tiers.request(dc, 0, seconds * S);
  return { tiers, origin, outdated, ask, renders: () => renders };
}

describe('the offload model’s tiers', () => {
  it('without an upper tier, each data centre asks the origin for itself', () => {
    const { origin, ask, renders } = scenario({ upperTier: false });
    expect([ask(0, 0), ask(1, 10), ask(0, 20), ask(1, 70), ask(0, 110)]).toEqual([
      'miss', // cold
      'miss', // cold at the second data centre; the origin's micro-cache answers
      'hit',
      'revalidated', // its copy expired at 70 s; the data has not changed: 304
      'miss', // the update at 100 s purged it
    ]);
    expect(origin).toEqual([
      [0, 'cold', false],
      [10, 'cold', false],
      [70, 'expired', true],
      [110, 'purged', false],
    ]);
    // Rendered at 0 s (until 60 s), 70 s, and for the new data at 110 s.
    expect(renders()).toBe(3);
  });

  it('with an upper tier, the origin hears each change once', () => {
    const { origin, ask, renders } = scenario({ upperTier: true });
    expect([ask(0, 0), ask(1, 10), ask(0, 20), ask(1, 70), ask(0, 110), ask(1, 120)]).toEqual([
      'miss',
      'miss', // from the upper tier's copy
      'hit',
      'revalidated', // the upper tier's copy had expired too: it revalidates, then answers 304
      'miss',
      'miss', // purged here too, refilled from the upper tier
    ]);
    expect(origin).toEqual([
      [0, 'cold', false],
      [70, 'expired', true],
      [110, 'purged', false],
    ]);
    expect(renders()).toBe(3);
  });

  it('serves a stale copy while refreshing it, and the refresh counts at the origin', () => {
    const { origin, ask } = scenario({ upperTier: false, staleS: 30 });
    expect([ask(0, 0), ask(0, 75), ask(0, 80), ask(0, 95)]).toEqual([
      'miss',
      'stale',
      'hit',
      'hit',
    ]);
    expect(origin).toEqual([
      [0, 'cold', false],
      [75, 'expired', true],
    ]);
  });

  it('without stale serving, an expired copy waits for its revalidation', () => {
    const { origin, ask } = scenario({ upperTier: true, staleS: 30, staleAtDataCentres: false });
    expect([ask(0, 0), ask(0, 75), ask(0, 80)]).toEqual(['miss', 'revalidated', 'hit']);
    expect(origin).toEqual([
      [0, 'cold', false],
      [75, 'expired', true],
    ]);
  });

  it('tells an overdue retry from a lifetime that ended at the promised update', () => {
    const { origin, ask } = scenario({ upperTier: true });
    ask(0, 110);
    ask(0, 175); // expired at 170 s: rendered at 110 s, before the update was overdue
    ask(0, 240); // the copy made at 175 s lived the overdue minute
    expect(origin.map(([, cause]) => cause)).toEqual(['cold', 'expired', 'overdue']);
  });

  it('without purges, an old copy is served until its lifetime ends', () => {
    const { origin, outdated, ask } = scenario({ upperTier: false, purges: false });
    expect([ask(0, 50), ask(0, 105), ask(0, 111)]).toEqual(['miss', 'hit', 'miss']);
    expect(outdated).toEqual([105]);
    expect(origin).toEqual([
      [50, 'cold', false],
      [111, 'expired', false], // the data changed under it: a 200, not a 304
    ]);
  });

  it('starts every group cold', () => {
    const { tiers, origin, ask } = scenario({ upperTier: true });
    ask(0, 0);
    tiers.reset();
    expect(ask(0, 10)).toBe('miss');
    expect(origin.map(([, cause]) => cause)).toEqual(['cold', 'cold']);
  });
});
