import type { PlaceDocument } from '../../documents/place-document.ts';
import { assetTable } from '../site/asset-table.ts';
import { meteogram } from './chart/meteogram.ts';
import { esc, text } from './chart/svg.ts';
import { zoneWords } from './local-time.ts';
import { chartHours } from './place-sections.ts';

const HEAD = 24;
const LINE = 14;
const SYMBOL_CREDIT = 'Weather symbols by Yr (NRK), MIT licence';

/**
 * A symbol's URI as a data URI of its file: an SVG shown through `<img>` loads nothing from
 * outside itself, not even from its own origin, so the chart must carry its symbols.
 */
function inlined(src: string): string {
  const found = assetTable().find(src.slice(src.lastIndexOf('/') + 1));
  return found ? `data:image/svg+xml;base64,${found.asset.body.toString('base64')}` : src;
}

/**
 * The meteogram of a place as an image of its own (`/{CC}/{Name}/meteogram.svg`), for other
 * sites' `<img>`: the place's name and time zone above the chart, the data's credits below it
 * (their licences ask that they go with every copy), symbols inside.
 */
export function meteogramImage(doc: PlaceDocument, now: Date): string {
  const loc = doc.location;
  const hours = chartHours(doc).map((h) => ({
    ...h,
    symbol: h.symbol && { ...h.symbol, src: inlined(h.symbol.src) },
  }));
  const chart = meteogram({ hours, timeZone: loc.timezone, units: doc.units });
  const size = chart && /^<svg[^>]* width="(\d+)" height="(\d+)"/.exec(chart);
  const width = size ? Number(size[1]) : 400;
  const height = size ? Number(size[2]) : 40;
  // Generated data says so wherever it is shown.
  const credits = [...(doc.notice ? [doc.notice] : []), ...doc.attribution, SYMBOL_CREDIT];
  const total = HEAD + height + credits.length * LINE + 6;
  const title = `${loc.name}, ${loc.country}: forecast`;
  const body = chart
    ? `<g transform="translate(0 ${HEAD})">${chart}</g>`
    : text(8, HEAD + 24, 'No forecast for this place yet.');
  const lines = credits.map((c, i) =>
    text(8, HEAD + height + LINE * (i + 1), c, { cls: 'credit' }),
  );
  return `<svg class="meteogram" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${total}" width="${width}" height="${total}" role="img" aria-label="${esc(title)}">
<rect class="bg" fill="#fff" width="${width}" height="${total}"/>
${text(8, 16, `${loc.name}, ${loc.country}`, { cls: 'dayname' })}${text(width - 8, 16, `local time: ${zoneWords(now, loc.timezone)}`, { anchor: 'end' })}
${body}
${lines.join('\n')}
</svg>`;
}
