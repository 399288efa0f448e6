import { Invalid } from '../../domain/errors.ts';
import { UNIT_SYSTEMS, type UnitSystem } from '../../domain/units.ts';

/**
 * The query of a URL, refusing any parameter the route does not document and any given twice:
 * random query strings must not mint new cache entries.
 */
export function readQuery(url: URL, allowed: readonly string[]): Map<string, string> {
  const seen = new Map<string, string>();
  for (const [name, value] of url.searchParams) {
    if (!allowed.includes(name)) {
      const accepts =
        allowed.length > 0
          ? `this URI accepts only: ${allowed.join(', ')}`
          : 'this URI accepts none';
      throw new Invalid(`unknown query parameter "${name.slice(0, 50)}"; ${accepts}`, {
        parameter: name.slice(0, 50),
      });
    }
    if (seen.has(name))
      throw new Invalid(`query parameter "${name}" is given more than once`, { parameter: name });
    seen.set(name, value);
  }
  return seen;
}

/** `units=metric|imperial`, metric when absent. */
export function readUnits(query: Map<string, string>): UnitSystem {
  const units = query.get('units') ?? 'metric';
  if (!(UNIT_SYSTEMS as readonly string[]).includes(units)) {
    throw new Invalid(`query parameter "units" must be one of: ${UNIT_SYSTEMS.join(', ')}`, {
      parameter: 'units',
    });
  }
  return units as UnitSystem;
}

/** The canonical query string for a unit system: metric is the default and so is left out. */
export const unitsQuery = (units: UnitSystem) => (units === 'metric' ? '' : `?units=${units}`);

/** An integer parameter within bounds, or the default when absent. */
export function readInt(
  query: Map<string, string>,
  name: string,
  min: number,
  max: number,
  fallback: number,
): number {
  const raw = query.get(name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < min || n > max) {
    throw new Invalid(`query parameter "${name}" must be a whole number from ${min} to ${max}`, {
      parameter: name,
    });
  }
  return n;
}
