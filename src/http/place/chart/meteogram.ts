import { zonedFormatter } from '../../../domain/weather/time.ts';
import { CHART_STYLE } from './chart-style.ts';
import { forecastBand } from './forecast-band.ts';
import { placeLabels } from './labels.ts';
import { frostClips, nightShades, symbolDefs, temperatureLines } from './layers.ts';
import { linearScale, niceTicks } from './scale.ts';
import { type Box, esc, px, signed, text, textBox } from './svg.ts';

export { CHART_STYLE };

/** One hour of a forecast as the chart draws it, in the units it is labelled with. */
export interface ChartHour {
  time: Date;
  temperature: number | null;
  precipitation: number | null;
  windSpeed: number | null;
  /** Where the wind comes from, degrees clockwise from north. */
  windDirection: number | null;
  /** The symbol's URI and its words (and whether it is a night one), or null for none. */
  symbol: { src: string; alt: string; night?: boolean } | null;
  /** Whether the sun is down: night hours are shaded. Left out, no hour is. */
  night?: boolean;
}

export interface MeteogramInput {
  hours: readonly ChartHour[];
  timeZone: string;
  units: { temperature: string; precipitation: string; wind: string };
  /** The hours before this index were observed, the rest forecast: a band marks the forecast. */
  observedHours?: number;
  /** What the chart is, for screen readers: a forecast unless said otherwise. */
  title?: string;
}

// An hour's width. A span shorter than a day gets wider hours (at most twice as wide), so the
// chart of a day's first hours is not a sliver; pages show a chart at its own size, never
// stretched, so its text stays the size of the page's.
const SLOT = 15;
const DAY_HOURS = 24;
const LEFT = 40;
const RIGHT = 36;
const PLOT_TOP = 56;
const PLOT_BOTTOM = 206;
const HEIGHT = 270;
/** The tallest rain bar stops this far below the plot's top, under most temperature labels. */
const RAIN_HEADROOM = 60;
/** Symbols, labels and wind every so many hours, so they never overlap. */
const EVERY = 3;

const hourOf = (at: Date, tz: string) =>
  zonedFormatter('chart-hour', tz, 'en-GB', { hour: '2-digit', hourCycle: 'h23' }).format(at);
const dayOf = (at: Date, tz: string) =>
  zonedFormatter('chart-day', tz, 'en-GB', { weekday: 'short', day: 'numeric' }).format(at);

/** Lightens a night symbol's grey moon in dark mode (CHART_STYLE), where it would fade. */
const MOONLIT =
  '<filter id="mg-moonlit" color-interpolation-filters="sRGB"><feComponentTransfer>' +
  '<feFuncR type="linear" slope="1.8"/><feFuncG type="linear" slope="1.8"/><feFuncB type="linear" slope="1.8"/>' +
  '</feComponentTransfer></filter>';

const present = (values: (number | null)[]) => values.filter((v): v is number => v !== null);

/**
 * A meteogram as a plain SVG string: temperature as a line with labelled points (blue and filled
 * below zero), precipitation as hatched bars, wind as arrows with speeds, symbols along the top,
 * night shaded and local hours along the bottom. Readable without colour (markers, hatching,
 * minus signs, shading and numbers) and described for screen readers by its title and desc.
 * Labels never overlap bars, symbols, hours or each other: one that fits nowhere is left out.
 * Null when there is nothing to draw.
 */
export function meteogram({
  hours,
  timeZone: tz,
  units,
  observedHours = 0,
  title = 'Forecast chart: temperature, precipitation and wind',
}: MeteogramInput): string | null {
  if (hours.length === 0) return null;
  const slot = Math.min(2 * SLOT, Math.max(SLOT, (DAY_HOURS * SLOT) / hours.length));
  const width = Math.round(LEFT + hours.length * slot + RIGHT);
  const x = (i: number) => LEFT + (i + 0.5) * slot;
  const temps = present(hours.map((h) => h.temperature));
  const rain = present(hours.map((h) => h.precipitation));
  const winds = present(hours.map((h) => h.windSpeed));
  const tTicks = temps.length > 0 ? niceTicks(Math.min(...temps), Math.max(...temps), 5) : [0, 10];
  const y = linearScale([tTicks[0]!, tTicks.at(-1)!], [PLOT_BOTTOM, PLOT_TOP]);
  // An all-dry forecast keeps a small axis rather than a zero-width one: flat bars, not NaN.
  const wettest = Math.max(0, ...rain);
  const pTicks = niceTicks(0, wettest > 0 ? wettest : units.precipitation === 'in' ? 0.04 : 1, 4);
  const p = linearScale([0, pTicks.at(-1)!], [PLOT_BOTTOM, PLOT_TOP + RAIN_HEADROOM]);
  const total = rain.reduce((a, b) => a + b, 0);
  const plot = { left: LEFT, right: width - RIGHT, top: PLOT_TOP, bottom: PLOT_BOTTOM, slot };
  const parts: string[] = [...nightShades(hours, plot)];
  parts.push(...forecastBand(observedHours, hours.length, plot));
  // What is drawn where a temperature label may not go.
  const taken: Box[] = [];

  // Day boundaries and names, at each local midnight (and over the first hour).
  hours.forEach((h, i) => {
    const hour = hourOf(h.time, tz);
    if (i > 0 && hour !== '00') return;
    const at = LEFT + i * slot;
    if (i > 0)
      parts.push(`<line class="day" x1="${px(at)}" y1="0" x2="${px(at)}" y2="${PLOT_BOTTOM}"/>`);
    parts.push(text(at + 4, 12, dayOf(h.time, tz), { cls: 'dayname' }));
  });
  // Temperature grid and axis (left), precipitation axis (right).
  for (const t of tTicks) {
    parts.push(
      `<line class="grid${t === 0 ? ' zero' : ''}" x1="${LEFT}" y1="${px(y(t))}" x2="${width - RIGHT}" y2="${px(y(t))}"/>`,
    );
    parts.push(text(LEFT - 6, y(t) + 4, `${signed(t)}°`, { anchor: 'end' }));
  }
  for (const v of pTicks)
    parts.push(text(width - RIGHT + 6, p(v) + 4, String(v), { cls: 'rain-tick' }));
  parts.push(text(LEFT - 6, PLOT_TOP - 8, units.temperature, { anchor: 'end', cls: 'unit' }));
  parts.push(text(width - RIGHT + 6, PLOT_TOP + 28, units.precipitation, { cls: 'unit' }));

  // Precipitation bars, hatched so they read in greyscale too.
  hours.forEach((h, i) => {
    if (h.precipitation === null || h.precipitation <= 0) return;
    const top = p(h.precipitation);
    const left = LEFT + i * slot + 2;
    taken.push({ x0: left, y0: top, x1: left + slot - 4, y1: PLOT_BOTTOM });
    parts.push(
      `<rect class="rain" x="${px(left)}" y="${px(top)}" width="${px(slot - 4)}" height="${px(PLOT_BOTTOM - top)}"><title>${esc(`${h.precipitation} ${units.precipitation}`)}</title></rect>`,
    );
  });
  // Temperature: a line through the hours that have one (blue below zero), a marker every few.
  const points = hours.flatMap((h, i) =>
    h.temperature === null ? [] : [`${px(x(i))},${px(y(h.temperature))}`],
  );
  const frost = temps.some((t) => t < 0);
  parts.push(...temperatureLines(points, frost));
  hours.forEach((h, i) => {
    if (h.temperature === null || (i % EVERY !== 0 && hours.length > 1)) return;
    const cls = `temp-point${h.temperature < 0 ? ' frost' : ''}`;
    parts.push(`<circle class="${cls}" cx="${px(x(i))}" cy="${px(y(h.temperature))}" r="3"/>`);
  });
  // Symbols along the top, hours and wind along the bottom.
  const symbols = symbolDefs(hours.filter((_, i) => i % EVERY === 0).map((h) => h.symbol));
  hours.forEach((h, i) => {
    if (i % EVERY !== 0) return;
    if (h.symbol) {
      taken.push({ x0: x(i) - 13, y0: 18, x1: x(i) + 13, y1: 44 });
      parts.push(
        `<use${h.symbol.night ? ' class="night"' : ''} href="#${symbols.idOf(h.symbol.src)}" x="${px(x(i) - 13)}" y="18"><title>${esc(h.symbol.alt)}</title></use>`,
      );
    }
    parts.push(text(x(i), PLOT_BOTTOM + 16, hourOf(h.time, tz), { anchor: 'middle', cls: 'hour' }));
    if (h.windSpeed !== null) {
      // The arrow points where the wind blows to: from its direction, turned half a circle.
      if (h.windDirection !== null) {
        parts.push(
          `<path class="wind" d="M0,-7 L4,5 L0,2 L-4,5 Z" transform="translate(${px(x(i))} ${PLOT_BOTTOM + 34}) rotate(${(h.windDirection + 180) % 360})"/>`,
        );
      }
      parts.push(
        text(x(i), PLOT_BOTTOM + 56, String(Math.round(h.windSpeed)), {
          anchor: 'middle',
          cls: 'wind-speed',
        }),
      );
    }
  });
  parts.push(text(4, PLOT_BOTTOM + 16, 'hour', { cls: 'unit' }));
  parts.push(text(4, PLOT_BOTTOM + 56, units.wind, { cls: 'unit' }));
  // Labels last, on top of everything, each where it touches nothing else.
  const wishes = hours.flatMap((h, i) =>
    h.temperature === null || (i % EVERY !== 0 && hours.length > 1)
      ? []
      : [
          {
            x: x(i),
            y: y(h.temperature),
            content: `${signed(h.temperature)}°`,
            cls: `temp-label${h.temperature < 0 ? ' frost' : ''}`,
          },
        ],
  );
  // Inside the plot, clear of the axes beside it, the day names above it and the hours below it.
  const bounds = {
    x0: LEFT,
    y0: 14,
    x1: width - RIGHT,
    y1: textBox(0, PLOT_BOTTOM + 16, '0', 'start').y0,
  };
  parts.push(...placeLabels(wishes, taken, bounds));

  const range =
    temps.length > 0
      ? `temperature from ${signed(Math.min(...temps))} to ${signed(Math.max(...temps))} ${units.temperature}`
      : 'no temperatures';
  const forecastFrom = hours[observedHours];
  const split =
    observedHours > 0 && forecastFrom ? ` (forecast from ${hourOf(forecastFrom.time, tz)}:00)` : '';
  const desc =
    `${hours.length} hour${hours.length === 1 ? '' : 's'} from ${hourOf(hours[0]!.time, tz)}:00 local time${split}: ${range}; ` +
    `precipitation ${Math.round(total * 100) / 100} ${units.precipitation} in all` +
    (winds.length > 0 ? `; wind up to ${Math.round(Math.max(...winds))} ${units.wind}.` : '.');
  return `<svg class="meteogram" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${HEIGHT}" width="${width}" height="${HEIGHT}" role="img" aria-labelledby="mg-title mg-desc">
<title id="mg-title">${esc(title)}</title>
<desc id="mg-desc">${esc(desc)}</desc>
<style>${CHART_STYLE}</style>
<defs><pattern id="mg-hatch" width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="4" height="4" fill="#cfe3f7"/><line x1="0" y1="0" x2="0" y2="4" stroke="#2b6cb0" stroke-width="1.6"/></pattern>
${frost ? frostClips(width, HEIGHT, y(0)) : ''}${symbols.defs}${MOONLIT}</defs>
<rect class="bg" fill="#fff" width="${width}" height="${HEIGHT}"/>
${parts.join('\n')}
</svg>`;
}
