/** A linear map from a domain of values onto a range of pixels. */
export interface Scale {
  (value: number): number;
  domain: readonly [number, number];
}

/** Maps [d0, d1] onto [r0, r1]; a domain of zero width maps everything to the middle. */
export function linearScale(
  [d0, d1]: readonly [number, number],
  [r0, r1]: readonly [number, number],
): Scale {
  const span = d1 - d0;
  const f = (value: number) =>
    span === 0 ? (r0 + r1) / 2 : r0 + ((value - d0) / span) * (r1 - r0);
  return Object.assign(f, { domain: [d0, d1] as const });
}

const STEPS = [1, 2, 5, 10];

/**
 * Round tick values covering [min, max], about `count` of them: steps of 1, 2 or 5 times a
 * power of ten, the first at or below `min` and the last at or above `max`.
 */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  const lo = Math.min(min, max);
  const hi = Math.max(min, max);
  const raw = (hi - lo || Math.abs(hi) || 1) / Math.max(1, count - 1);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = (STEPS.find((s) => s * power >= raw - 1e-12) ?? 10) * power;
  const first = Math.floor(lo / step + 1e-9) * step;
  const ticks: number[] = [];
  for (let t = first; t < hi + step - 1e-9; t += step) {
    ticks.push(Number(t.toFixed(10)) || 0);
    if (t >= hi - 1e-9) break;
  }
  if (ticks.length === 1) ticks.push(Number((first + step).toFixed(10)));
  return ticks;
}
