import type { PlaceDocument } from '../../documents/place-document.ts';
import { windArrow } from '../../domain/weather/compass.ts';
import { isDaylight } from '../../domain/weather/sun.ts';

// One character-ish symbol per condition, as status bars show them; the sun and a clear sky at
// night differ, the rest read the same by day and night.
const EMOJI: Record<string, string> = {
  'partly-cloudy': '⛅',
  cloudy: '☁',
  fog: '🌫',
  drizzle: '🌦',
  rain: '🌧',
  snow: '🌨',
  thunderstorm: '⛈',
};

/** `+12°C`, `-3°F`, `0°C`: whole degrees with their sign, as status bars write them. */
const degrees = (t: number, unit: string) => {
  const whole = Math.round(t);
  return `${whole > 0 ? '+' : whole < 0 ? '-' : ''}${Math.abs(whole)}${unit}`;
};

/**
 * The weather now on one line (`/{CC}/{Name}/line.txt`), for a status bar or a prompt:
 * `London: ⛅ +12°C ↙ 11 km/h`, the arrow pointing where the wind blows. Whatever is not known
 * is left out; without current conditions, the line says so in words.
 */
export function placeLine(doc: PlaceDocument): string {
  const { location: loc, current: c, units: u } = doc;
  if (!c) {
    const none = doc.fetching
      ? 'fetching the weather, ask again in a few seconds'
      : 'no weather yet';
    return `${loc.name}: ${none}\n`;
  }
  const day = isDaylight(new Date(c.observed_at), loc.latitude, loc.longitude);
  const parts = [c.condition === 'clear' ? (day ? '☀' : '🌙') : (EMOJI[c.condition] ?? '')];
  if (c.temperature !== null) parts.push(degrees(c.temperature, u.temperature));
  if (c.wind_speed !== null) {
    const arrow = c.wind_direction === null ? '' : `${windArrow(c.wind_direction)} `;
    parts.push(`${arrow}${Math.round(c.wind_speed)} ${u.wind}`);
  }
  return `${loc.name}: ${parts.filter(Boolean).join(' ')}\n`;
}
