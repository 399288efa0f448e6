import { html, raw } from 'hono/html';
import { isDaylight } from '../../domain/weather/sun.ts';
import type { Condition } from '../../domain/weather/weather.ts';
import { assetTable, SYMBOL_LICENCE } from '../site/asset-table.ts';
import { SYMBOL_IDS } from '../site/symbols.ts';
import { conditionWords } from './place-text.ts';

/** A weather symbol as a page shows it: its URI on our origin and the words it stands for. */
export interface SymbolRef {
  src: string;
  alt: string;
  /** A night symbol of its own (a moon): its grey is lit in dark mode, where it would fade. */
  night?: boolean;
}

/** The symbol of a condition by day or by night. */
export function symbolOf(condition: Condition, day: boolean): SymbolRef {
  const ids = SYMBOL_IDS[condition];
  return {
    src: assetTable().pathOf(`yr-${day ? ids.day : ids.night}.svg`),
    alt: conditionWords(condition),
    ...(!day && ids.night !== ids.day ? { night: true } : {}),
  };
}

/** A symbol as an image, `night` among its classes when it is a night symbol of its own. */
export const symbolImg = (s: SymbolRef, size: number, cls = '') => {
  const classes = [cls, s.night ? 'night' : ''].filter(Boolean).join(' ');
  return html`<img${classes ? html` class="${classes}"` : ''} src="${s.src}" alt="${s.alt}" width="${size}" height="${size}">`;
};

/** The symbol of a condition at an instant and place: the night symbol while the sun is down. */
export const symbolAt = (
  condition: Condition,
  at: Date,
  place: { latitude: number; longitude: number },
) => symbolOf(condition, isDaylight(at, place.latitude, place.longitude));

/**
 * The credit a page with symbols owes: who made them, and their licence (served by us). In a
 * page framed by another site (`newTab`), its links open a tab rather than replace the frame.
 */
export const symbolCredit = (newTab = false) => {
  const target = newTab ? ' target="_blank" rel="noopener"' : '';
  // raw: every part is ours (a constant and a path the asset table made).
  return raw(
    `Weather symbols by <a href="https://github.com/YR/weather-symbols"${target}>Yr (NRK)</a>, <a href="${assetTable().pathOf(SYMBOL_LICENCE)}"${target}>MIT licence</a>`,
  );
};
