import type { UnitSystem } from '../../domain/weather/units.ts';

// Half away from zero, as the other documents round, and never -0.
const round = (value: number, digits: number) => {
  const scale = 10 ** digits;
  const r = Math.round(Math.abs(value) * scale) / scale;
  return value < 0 && r !== 0 ? -r : r;
};

/** How statistics are shown in a unit system: temperatures, differences of them, depths. */
export interface StatUnits {
  temp(c: number): number;
  /** A difference or a standard deviation: scaled, never offset. */
  delta(c: number): number;
  depth(mm: number): number;
}

const SYSTEMS: Record<UnitSystem, StatUnits> = {
  metric: { temp: (c) => round(c, 1), delta: (c) => round(c, 1), depth: (mm) => round(mm, 1) },
  imperial: {
    temp: (c) => round((c * 9) / 5 + 32, 1),
    delta: (c) => round(c * 1.8, 1),
    depth: (mm) => round(mm / 25.4, 2),
  },
};

export const statUnits = (units: UnitSystem) => SYSTEMS[units];

/** A nullable value through a conversion. */
export const maybe = (value: number | null, f: (v: number) => number) =>
  value === null ? null : f(value);

/** z-scores are unitless, to two decimals. */
export const twoDecimals = (v: number) => round(v, 2);
