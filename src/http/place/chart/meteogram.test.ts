import { describe, expect, it } from 'vitest';
import { CHART_STYLE, type ChartHour, meteogram } from './meteogram.ts';
import { linearScale, niceTicks } from './scale.ts';
import { type Box, overlaps, textBox } from './svg.ts';

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

  it.each([
    [48, 40 + 48 * 15 + 36],
    [24, 40 + 24 * 15 + 36],
    [14, 40 + 24 * 15 + 36],
    [6, 40 + 6 * 30 + 36],
  ])('draws %i hours %i units wide: a short span gets wider hours, at most twice', (n, width) => {
    const svg = draw(hours(n))!;
    expect(svg).toContain(`viewBox="0 0 ${width} 270" width="${width}"`);
    const xs = svg
      .match(/points="([^"]+)"/)![1]!
      .split(' ')
      .map((p) => Number(p.split(',')[0]));
    expect(xs[0]).toBeCloseTo(40 + (width - 76) / n / 2, 0);
  });

  it('scales a forecast: a point per hour on the line, labels every third hour', () => {
    const svg = draw(hours(48))!;
    const points = svg.match(/points="([^"]+)"/)![1]!.split(' ');
    expect(points).toHaveLength(48);
    const ys = points.map((p) => Number(p.split(',')[1]));
    // Warming every hour: the line climbs (smaller y) from start to end.
    expect(ys[0]).toBeGreaterThan(ys[47]!);
    expect(svg.match(/<circle class="temp-point"/g)).toHaveLength(16);
    // One symbol, defined once and placed every third hour.
    expect(svg.match(/<image /g)).toHaveLength(1);
    expect(svg.match(/<use href="#mg-s0"/g)).toHaveLength(16);
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
    // Six hours get slots of 30: the band starts at the third slot (40 + 2 × 30) and runs to the
    // plot’s right edge (40 + 6 × 30).
    expect(svg).toMatch(/<rect class="forecast-band" x="100" y="44" width="120" height="162"/);
    expect(svg).toContain('>forecast</text>');
    expect(svg).toContain('6 hours from 10:00 local time (forecast from 12:00):');
    expect(svg).toContain('<title id="mg-title">The day: &lt;observed&gt;</title>');
    // All observed, or all forecast: no band.
    for (const observedHours of [0, 6]) {
      const plain = meteogram({ hours: hours(6), timeZone: 'UTC', units: METRIC, observedHours })!;
      expect(plain).not.toContain('forecast');
    }
  });

  it('marks night symbols, which CHART_STYLE lights in dark mode', () => {
    const moon = { src: '/assets/yr-01n.0123456789.svg', alt: 'Clear', night: true };
    const svg = draw(hours(6, (i) => (i === 3 ? { symbol: moon } : {})))!;
    expect(svg.match(/<use class="night" href="#mg-s1"/g)).toHaveLength(1);
    expect(svg.match(/<use href=/g)).toHaveLength(1);
    expect(svg).toContain('<filter id="mg-moonlit"');
    expect(CHART_STYLE).toContain('.meteogram use.night{filter:url(#mg-moonlit)}');
  });

  it('shades each run of night hours, and nothing when no hour is night', () => {
    const svg = draw(hours(10, (i) => ({ night: i < 3 || i >= 8 })))!;
    const bands = [
      ...svg.matchAll(/<rect class="night"[^>]* x="([\d.]+)" y="0" width="([\d.]+)"/g),
    ];
    // Ten hours get slots of 30.
    expect(bands.map((b) => [Number(b[1]), Number(b[2])])).toEqual([
      [40, 90],
      [280, 60],
    ]);
    expect(draw(hours(10))!).not.toContain('class="night"');
  });

  it('draws the line blue and filled below zero, and the rest as before', () => {
    const svg = draw(hours(7, (i) => ({ temperature: [3, 1, -1, -4, -2, 1, 2][i]! })))!;
    expect(svg).toContain('<polyline class="temp" clip-path="url(#mg-warm)"');
    expect(svg).toContain('<polyline class="temp frost" clip-path="url(#mg-frost)"');
    expect(svg.match(/<circle class="temp-point frost"/g)).toHaveLength(1);
    expect(svg).toContain('class="temp-label frost">−4°</text>');
    // Above zero all along: one line, no clipping.
    expect(draw(hours(4))!).not.toContain('clip-path');
  });

  it('never lets a temperature label touch a rain bar, a symbol or another label', () => {
    // Warm wet hours and a sharp drop: the worst case for labels above their points.
    const wet = hours(48, (i) => ({
      temperature: [14, 13.5, -12.5, 12][i % 4]!,
      precipitation: i % 2 === 0 ? 9 : 0.5,
    }));
    const svg = draw(wet)!;
    const bars: Box[] = [
      ...svg.matchAll(/class="rain" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"/g),
    ].map(([, x, y, w, h]) => ({ x0: +x!, y0: +y!, x1: +x! + +w!, y1: +y! + +h! }));
    const symbols: Box[] = [...svg.matchAll(/<use href="#mg-s\d+" x="([\d.]+)" y="18"/g)].map(
      ([, x]) => ({ x0: +x!, y0: 18, x1: +x! + 26, y1: 44 }),
    );
    const labels = [
      ...svg.matchAll(
        /<text x="([\d.]+)" y="([\d.]+)" text-anchor="middle" class="temp-label[^"]*">([^<]+)</g,
      ),
    ].map(([, x, y, t]) => textBox(+x!, +y!, t!, 'middle'));
    expect(labels.length).toBeGreaterThan(8);
    // Inside the plot: clear of the temperature axis (x < 40) and the rain axis.
    for (const label of labels)
      expect([label.x0 >= 40, label.x1 <= 796 - 36]).toEqual([true, true]);
    labels.forEach((label, i) => {
      for (const other of [...bars, ...symbols, ...labels.slice(i + 1)])
        expect(overlaps(label, other), JSON.stringify([label, other])).toBe(false);
    });
  });
});
