import { describe, expect, it } from 'vitest';
import { CONDITIONS } from '../../domain/weather/weather.ts';
import { createAssetTable } from './asset-table.ts';
import { SYMBOL_IDS } from './symbols.ts';

describe('weather symbols', () => {
  const table = createAssetTable();

  it.each(CONDITIONS)(
    'has a day and a night symbol for "%s", both shipped and served',
    (condition) => {
      const ids = SYMBOL_IDS[condition];
      expect(ids).toBeDefined();
      for (const id of [ids.day, ids.night]) {
        const path = table.pathOf(`yr-${id}.svg`);
        expect(path).toMatch(new RegExp(`^/assets/yr-${id}\\.[0-9a-f]{10}\\.svg$`));
        const found = table.find(path.slice('/assets/'.length))!;
        expect(found.stale).toBe(false);
        expect(found.asset.body.toString('utf8')).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
      }
    },
  );

  it('maps no condition the domain does not have', () => {
    expect(Object.keys(SYMBOL_IDS).sort()).toEqual([...CONDITIONS].sort());
  });

  it('finds a known file under an old hash as stale, and nothing else', () => {
    expect(table.find('yr-01d.0000000000.svg')?.stale).toBe(true);
    expect(table.find('yr-01d.svg')).toBeNull();
    expect(table.find('yr-99.0123456789.svg')).toBeNull();
    expect(() => table.pathOf('nope.svg')).toThrow('no asset named nope.svg');
  });
});
