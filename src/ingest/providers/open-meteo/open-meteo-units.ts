import { ProviderError } from '../provider-http.ts';

/** A unit as Open-Meteo spells it in `*_units`: the isobar field suffix, and a factor if needed. */
type UnitMap = Record<string, [suffix: string, factor?: number]>;

const TEMPERATURE: UnitMap = { '°C': ['c'], '°F': ['f'] };
const SPEED: UnitMap = {
  'km/h': ['kmh'],
  'm/s': ['ms'],
  'mp/h': ['mph'],
  mph: ['mph'],
  kn: ['kn'],
};
const PERCENT: UnitMap = { '%': ['pct'] };
// Asked for precipitation in inches, Open-Meteo gives lengths (visibility) in feet too; isobar
// takes metres, km or miles.
const DISTANCE: UnitMap = { m: ['m'], km: ['km'], ft: ['m', 0.3048] };

/** Open-Meteo variables isobar stores, by the isobar quantity each becomes. */
export const VARIABLES: { variable: string; quantity: string; units: UnitMap }[] = [
  { variable: 'temperature_2m', quantity: 'temperature', units: TEMPERATURE },
  { variable: 'apparent_temperature', quantity: 'apparent_temperature', units: TEMPERATURE },
  { variable: 'relative_humidity_2m', quantity: 'humidity', units: PERCENT },
  { variable: 'pressure_msl', quantity: 'pressure', units: { hPa: ['hpa'] } },
  { variable: 'wind_speed_10m', quantity: 'wind_speed', units: SPEED },
  { variable: 'wind_gusts_10m', quantity: 'wind_gust', units: SPEED },
  { variable: 'wind_direction_10m', quantity: 'wind_direction', units: { '°': ['deg'] } },
  { variable: 'precipitation', quantity: 'precipitation', units: { mm: ['mm'], inch: ['in'] } },
  { variable: 'cloud_cover', quantity: 'cloud_cover', units: PERCENT },
  { variable: 'visibility', quantity: 'visibility', units: DISTANCE },
];

/** Only the hourly forecast has it. */
export const CHANCE = {
  variable: 'precipitation_probability',
  quantity: 'precipitation_probability',
  units: PERCENT,
};

export type Variable = (typeof VARIABLES)[number];

/**
 * Reads the row fields of one time step (`temperature_f: 41`) into its row, in the units the
 * answer declares for them, looked up once per answer, not per step. A value given in a unit
 * isobar cannot read refuses the whole answer: a number in an unknown unit stored as if it were
 * another would be worse than no update.
 */
export function fieldsIn(
  variables: readonly Variable[],
  units: Record<string, unknown>,
): (read: (variable: string) => unknown, row: Record<string, unknown>) => void {
  const columns = variables.map((v) => {
    const unit = v.units[String(units[v.variable])];
    return {
      variable: v.variable,
      field: unit && `${v.quantity}_${unit[0]}`,
      factor: unit?.[1] ?? 1,
    };
  });
  return (read, row) => {
    for (const { variable, field, factor } of columns) {
      const value = read(variable);
      if (value === null || value === undefined) continue;
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        throw new ProviderError('malformed', `${variable} is not a number: ${String(value)}`);
      }
      if (!field) {
        throw new ProviderError('malformed', `${variable} in unknown unit "${units[variable]}"`);
      }
      row[field] = value * factor;
    }
  };
}
