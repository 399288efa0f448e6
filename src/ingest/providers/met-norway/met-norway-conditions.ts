import type { Condition } from '../../../domain/weather/weather.ts';

// MET Norway's symbol codes (metno/weathericons legend) read by the words they are built from,
// in this order: thunder outranks what falls with it, sleet counts as snow (it is partly frozen,
// and the warning matters more than the wetness), and "partlycloudy" before "cloudy".
const MET_WORDS: [string, Condition][] = [
  ['thunder', 'thunderstorm'],
  ['snow', 'snow'],
  ['sleet', 'snow'],
  ['rain', 'rain'],
  ['fog', 'fog'],
  ['partlycloudy', 'partly-cloudy'],
  ['cloudy', 'cloudy'],
  ['fair', 'clear'],
  ['clearsky', 'clear'],
];

/** isobar's condition for a MET Norway symbol code (`rainshowers_day`); null when unknown. */
export function metSymbolCondition(symbol: unknown): Condition | null {
  if (typeof symbol !== 'string') return null;
  const base = symbol.replace(/_(day|night|polartwilight)$/, '');
  return MET_WORDS.find(([word]) => base.includes(word))?.[1] ?? null;
}
