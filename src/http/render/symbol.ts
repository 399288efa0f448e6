import { isDaylight } from '../../domain/sun.ts';
import type { Condition } from '../../domain/weather.ts';
import { assetTable } from '../assets/asset-table.ts';
import { SYMBOL_IDS } from '../assets/symbols.ts';
import { conditionWords } from './place-text.ts';

/** A weather symbol as a page shows it: its URI on our origin and the words it stands for. */
export interface SymbolRef {
  src: string;
  alt: string;
}

/** The symbol of a condition by day or by night. */
export function symbolOf(condition: Condition, day: boolean): SymbolRef {
  const ids = SYMBOL_IDS[condition];
  return {
    src: assetTable().pathOf(`yr-${day ? ids.day : ids.night}.svg`),
    alt: conditionWords(condition),
  };
}

/** The symbol of a condition at an instant and place: the night symbol while the sun is down. */
export const symbolAt = (
  condition: Condition,
  at: Date,
  place: { latitude: number; longitude: number },
) => symbolOf(condition, isDaylight(at, place.latitude, place.longitude));
