import { describe, expect, it } from 'vitest';
import { SOURCE_ATTRIBUTIONS, sourceAttributions } from '../../domain/attributions.ts';
import { PROVIDER_MODULES } from './registry.ts';

describe('the providers and their credits', () => {
  it('credit every provider, by the source its rows carry', () => {
    for (const { name } of PROVIDER_MODULES) expect(SOURCE_ATTRIBUTIONS[name]).toMatch(/CC BY/);
  });

  it('give each credit once, for the sources shown only', () => {
    expect(sourceAttributions(['met-norway', 'demo', null, 'met-norway'])).toEqual([
      'Data from MET Norway (api.met.no), CC BY 4.0',
    ]);
    expect(sourceAttributions(['demo', 'station-7'])).toEqual([]);
  });
});
