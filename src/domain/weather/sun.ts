import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../contract/durations.ts';
import { zonedFormatter } from './time.ts';

// The sunrise equation with the Astronomical Almanac's low-precision series for the sun's
// position: good to a minute or so between the polar circles, which is all a page shows.
const RAD = Math.PI / 180;
const J1970 = 2440588;
const J2000 = 2451545;
const OBLIQUITY = RAD * 23.4397;
const J0 = 0.0009;
/** The sun's upper limb touching a level horizon, refraction included. */
const HORIZON = RAD * -0.833;

const toDays = (ms: number) => ms / DAY_MS - 0.5 + J1970 - J2000;
const fromJulian = (j: number) => (j + 0.5 - J1970) * DAY_MS;
const meanAnomaly = (d: number) => RAD * (357.5291 + 0.98560028 * d);

function eclipticLongitude(m: number): number {
  const centre = RAD * (1.9148 * Math.sin(m) + 0.02 * Math.sin(2 * m) + 0.0003 * Math.sin(3 * m));
  return m + centre + RAD * 102.9372 + Math.PI;
}

const declination = (l: number) => Math.asin(Math.sin(OBLIQUITY) * Math.sin(l));
const rightAscension = (l: number) => Math.atan2(Math.sin(l) * Math.cos(OBLIQUITY), Math.cos(l));

/** The sun's height above the horizon at an instant and place, in degrees. */
export function sunAltitude(at: Date, latitude: number, longitude: number): number {
  const d = toDays(at.getTime());
  const l = eclipticLongitude(meanAnomaly(d));
  const dec = declination(l);
  const hourAngle = RAD * (280.16 + 360.9856235 * d) + RAD * longitude - rightAscension(l);
  const phi = RAD * latitude;
  const sinAlt =
    Math.sin(phi) * Math.sin(dec) + Math.cos(phi) * Math.cos(dec) * Math.cos(hourAngle);
  return Math.asin(sinAlt) / RAD;
}

/** Whether the sun is up (any part of its disc above the horizon) at an instant and place. */
export const isDaylight = (at: Date, latitude: number, longitude: number) =>
  sunAltitude(at, latitude, longitude) > HORIZON / RAD;

export interface SunDay {
  /** Null when the sun does not rise or set that day (polar day or night). */
  sunrise: Date | null;
  sunset: Date | null;
  /** Seconds of daylight: 0 in polar night, a whole day in polar day. */
  dayLengthS: number;
  polar: 'day' | 'night' | null;
}

const OFFSET_STYLE = { timeZoneName: 'longOffset' } as const;

/** A zone's offset from UTC at an instant, in milliseconds (`GMT+05:30` → 19 800 000). */
function offsetMs(at: Date, timeZone: string): number {
  const f = zonedFormatter('offset', timeZone, 'en-GB', OFFSET_STYLE);
  const name = f.formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * HOUR_MS + Number(m[3]) * MINUTE_MS);
}

/**
 * Sunrise, sunset and day length at a place on a local calendar date (`YYYY-MM-DD` in
 * `timeZone`): the solar day whose noon is nearest that date's civil noon.
 */
export function sunDay(
  date: string,
  latitude: number,
  longitude: number,
  timeZone: string,
): SunDay {
  const utcNoon = Date.parse(`${date}T12:00:00Z`);
  const civilNoon = utcNoon - offsetMs(new Date(utcNoon), timeZone);
  const lw = -RAD * longitude;
  const n = Math.round(toDays(civilNoon) - J0 - lw / (2 * Math.PI));
  const approx = J0 + lw / (2 * Math.PI) + n;
  const m = meanAnomaly(approx);
  const l = eclipticLongitude(m);
  const dec = declination(l);
  const transit = J2000 + approx + 0.0053 * Math.sin(m) - 0.0069 * Math.sin(2 * l);
  const phi = RAD * latitude;
  const cosW =
    (Math.sin(HORIZON) - Math.sin(phi) * Math.sin(dec)) / (Math.cos(phi) * Math.cos(dec));
  if (cosW >= 1) return { sunrise: null, sunset: null, dayLengthS: 0, polar: 'night' };
  if (cosW <= -1) return { sunrise: null, sunset: null, dayLengthS: DAY_MS / 1000, polar: 'day' };
  // Half the day's arc, as a fraction of a day.
  const half = Math.acos(cosW) / (2 * Math.PI);
  const sunrise = new Date(Math.round(fromJulian(transit - half)));
  const sunset = new Date(Math.round(fromJulian(transit + half)));
  const dayLengthS = Math.round((sunset.getTime() - sunrise.getTime()) / 1000);
  return { sunrise, sunset, dayLengthS, polar: null };
}
