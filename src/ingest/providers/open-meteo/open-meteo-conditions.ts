import type { Condition } from '../../../domain/weather/weather.ts';

/**
 * WMO weather interpretation codes (WW) as Open-Meteo documents them. Freezing drizzle and rain
 * keep their kind (isobar has no word for "freezing"); hail goes with its thunderstorm.
 */
const WMO: Record<number, Condition> = {
  0: 'clear',
  1: 'clear',
  2: 'partly-cloudy',
  3: 'cloudy',
  45: 'fog',
  48: 'fog',
  51: 'drizzle',
  53: 'drizzle',
  55: 'drizzle',
  56: 'drizzle',
  57: 'drizzle',
  61: 'rain',
  63: 'rain',
  65: 'rain',
  66: 'rain',
  67: 'rain',
  71: 'snow',
  73: 'snow',
  75: 'snow',
  77: 'snow',
  80: 'rain',
  81: 'rain',
  82: 'rain',
  85: 'snow',
  86: 'snow',
  95: 'thunderstorm',
  96: 'thunderstorm',
  99: 'thunderstorm',
};

// WMO 4677 groups its codes by tens; a code Open-Meteo does not document yet still says which
// kind of weather it is, so a new code does not throw away a whole update.
const WMO_DECADES: [number, Condition][] = [
  [40, 'fog'],
  [50, 'drizzle'],
  [60, 'rain'],
  [70, 'snow'],
  [80, 'rain'],
  [85, 'snow'],
  [91, 'thunderstorm'],
];

/** isobar's condition for a WMO weather code; null when the code is not one. */
export function wmoCondition(code: unknown): Condition | null {
  if (typeof code !== 'number' || !Number.isInteger(code) || code < 0 || code > 99) return null;
  const known = WMO[code];
  if (known) return known;
  let found: Condition | null = null;
  for (const [from, condition] of WMO_DECADES) if (code >= from) found = condition;
  return found;
}
