import { describe, expect, it } from 'vitest';
import { type ChartHour, meteogram } from './meteogram.ts';
import { linearScale, niceTicks } from './scale.ts';

const METRIC = { temperature: '°C', precipitation: 'mm', wind: 'km/h' };
const START = Date.parse('2026-11-22T10:00:00Z');

function hours(n: number, f: (i: number) => Partial<ChartHour> = () => ({})): ChartHour[] {
  return Array.from({ length: n }, (_, i) => ({
    time: new Date(START + i * 3_600_000),
    temperature: 5 + i,
    precipitation: 0,
    windSpeed: 10,
    windDirection: 270,
    symbol: { src: '/assets/yr-01d.0123456789.svg', alt: 'Clear' },
    ...f(i),
  }));
}
const draw = (h: ChartHour[]) => meteogram({ hours: h, timeZone: 'Europe/London', units: METRIC });
const all = (svg: string, re: RegExp) => [...svg.matchAll(re)].map((m) => m[1]!);

describe('scales', () => {
  it('maps a domain linearly onto pixels, upside down when asked', () => {
    const y = linearScale([0, 10], [200, 100]);
    expect([y(0), y(5), y(10), y(-2)]).toEqual([200, 150, 100, 220]);
    expect(linearScale([3, 3], [0, 100])(3)).toBe(50);
  });

  it.each([
    [3.2, 11.7, [0, 5, 10, 15]],
    [-7.4, -1.2, [-8, -6, -4, -2, 0]],
    [-3, 4, [-4, -2, 0, 2, 4]],
    [0, 0.3, [0, 0.1, 0.2, 0.3]],
    [5, 5, [4, 6]],
  ])('ticks for [%d, %d] are %j', (min, max, ticks) => {
    expect(niceTicks(min, max, 5)).toEqual(ticks);
  });
});

describe('meteogram', () => {
  it('draws nothing for an empty forecast', () => {
    expect(draw([])).toBeNull();
  });

  it('draws one hour as a point with its label, without a line or NaN', () => {
    const svg = draw(hours(1))!;
    expect(svg).not.toContain('NaN');
    expect(svg).not.toContain('<polyline');
    expect(svg.match(/<circle class="temp-point"/g)).toHaveLength(1);
    expect(svg).toContain('>5°</text>');
    expect(svg).toContain('<desc id="mg-desc">1 hour from 10:00 local time');
  });

  it('scales a forecast: a point per hour on the line, labels every third hour', () => {
    const svg = draw(hours(48))!;
    const points = svg.match(/points="([^"]+)"/)![1]!.split(' ');
    expect(points).toHaveLength(48);
    const ys = points.map((p) => Number(p.split(',')[1]));
    // Warming every hour: the line climbs (smaller y) from start to end.
    expect(ys[0]).toBeGreaterThan(ys[47]!);
    expect(svg.match(/<circle class="temp-point"/g)).toHaveLength(16);
    expect(svg.match(/<image /g)).toHaveLength(16);
    expect(svg).toContain('viewBox="0 0 796 270"');
    // Local midnight starts a new day, named.
    expect(all(svg, /class="dayname">([^<]+)</g)).toEqual(['Sun 22', 'Mon 23', 'Tue 24']);
  });

  it('draws no bars for an all-dry forecast, and keeps a readable rain axis', () => {
    const svg = draw(hours(6))!;
    expect(svg).not.toContain('class="rain"');
    expect(svg).not.toContain('NaN');
    expect(all(svg, /class="rain-tick">([^<]+)</g)).toEqual(['0', '0.5', '1']);
    expect(svg).toContain('precipitation 0 mm in all');
  });

  it('draws a bar per wet hour, its height in proportion, hatched', () => {
    const svg = draw(hours(3, (i) => ({ precipitation: [0, 1, 2][i]! })))!;
    const heights = all(svg, /class="rain"[^>]* height="([\d.]+)"/g).map(Number);
    expect(heights).toHaveLength(2);
    expect(heights[1]! / heights[0]!).toBeCloseTo(2, 1);
    expect(svg).toContain('fill:url(#mg-hatch)');
    expect(svg).toContain('<title>2 mm</title>');
  });

  it('shows frost with minus signs below a dashed zero line', () => {
    const svg = draw(hours(4, (i) => ({ temperature: [-6.5, -2, 0.5, 1][i]! })))!;
    expect(svg).toContain('>−6.5°</text>');
    expect(svg).toContain('class="grid zero"');
    expect(svg).toContain('temperature from −6.5 to 1 °C');
  });

  it('skips hours without values and says so in its description', () => {
    const svg = draw(hours(3, () => ({ temperature: null, windSpeed: null, symbol: null })))!;
    expect(svg).not.toContain('NaN');
    expect(svg).not.toContain('<image');
    expect(svg).not.toContain('class="wind"');
    expect(svg).toContain('no temperatures');
  });

  it('points wind arrows where the wind blows and escapes what it is given', () => {
    const svg = draw(
      hours(1, () => ({ windDirection: 270, symbol: { src: '/a"b', alt: '<x>' } })),
    )!;
    expect(svg).toContain('rotate(90)');
    expect(svg).toContain('href="/a&quot;b"');
    expect(svg).toContain('<title>&lt;x&gt;</title>');
  });

  it('marks where observed hours end and the forecast begins, and takes a title', () => {
    const svg = meteogram({
      hours: hours(6),
      timeZone: 'Europe/London',
      units: METRIC,
      observedHours: 2,
      title: 'The day: <observed>',
    })!;
    // The band starts at the third slot (40 + 2 × 15) and runs to the plot’s right edge (130).
    expect(svg).toMatch(/<rect class="forecast-band" x="70" y="44" width="60" height="162"/);
    expect(svg).toContain('>forecast</text>');
    expect(svg).toContain('6 hours from 10:00 local time (forecast from 12:00):');
    expect(svg).toContain('<title id="mg-title">The day: &lt;observed&gt;</title>');
    // All observed, or all forecast: no band.
    for (const observedHours of [0, 6]) {
      const plain = meteogram({ hours: hours(6), timeZone: 'UTC', units: METRIC, observedHours })!;
      expect(plain).not.toContain('forecast');
    }
  });
});
