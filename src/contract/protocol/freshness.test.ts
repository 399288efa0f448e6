import { describe, expect, it } from 'vitest';
import { BEHIND_AFTER_S, endingBy, isBehind, weatherFreshness } from './freshness.ts';

const now = new Date('2026-03-14T12:00:00Z');
const at = (seconds: number) => new Date(now.getTime() + seconds * 1000);

describe('weatherFreshness', () => {
  it('keeps weather until its next update, within a floor and a ceiling', () => {
    expect(weatherFreshness(at(1_800), now).maxAge).toBe(1_800);
    expect(weatherFreshness(at(5), now).maxAge).toBe(30);
    expect(weatherFreshness(at(24 * 3_600), now).maxAge).toBe(6 * 3_600);
  });

  it('keeps overdue weather until the moment it counts as behind, when its answer changes', () => {
    expect(weatherFreshness(at(-60), now).maxAge).toBe(BEHIND_AFTER_S - 60);
    expect(isBehind(at(-60), at(BEHIND_AFTER_S - 60 + 1))).toBe(true);
    // A few seconds before: the floor, not a lifetime that turns caching off.
    expect(weatherFreshness(at(-BEHIND_AFTER_S + 5), now).maxAge).toBe(30);
  });

  it('keeps weather that is behind for minutes, not one: the write that ends it purges', () => {
    const behind = weatherFreshness(at(-2 * 3_600), now);
    expect(behind.maxAge).toBe(15 * 60);
    expect(behind.staleIfError).toBe(24 * 3_600);
  });
});

describe('endingBy (a warning that begins or expires)', () => {
  const weather = weatherFreshness(at(1_800), now);

  it('leaves a lifetime that ends before the warning changes as it is', () => {
    expect(endingBy(weather, null, now)).toBe(weather);
    expect(endingBy(weather, at(2 * 86_400), now)).toBe(weather);
  });

  it('ends the lifetime and every stale window by the change, never before a second', () => {
    expect(endingBy(weather, at(600), now)).toEqual({
      maxAge: 600,
      staleWhileRevalidate: 0,
      staleIfError: 0,
    });
    // The lifetime stands, the stale windows are cut to what is left.
    expect(endingBy(weather, at(1_800 + 60), now)).toEqual({
      maxAge: 1_800,
      staleWhileRevalidate: 60,
      staleIfError: 60,
    });
    expect(endingBy(weather, at(0.2), now).maxAge).toBe(1);
  });
});
