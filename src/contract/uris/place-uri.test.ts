import { describe, expect, it } from 'vitest';
import { Invalid } from '../protocol/request-errors.ts';
import { parsePlacePath, readCanonicalJson, representationPath } from './place-uri.ts';
import { slugKey } from './slug.ts';

describe('parsePlacePath', () => {
  it.each([
    ['/GB/London', 'GB', 'london', 'html'],
    ['/gb/london', 'GB', 'london', 'html'],
    ['/UK/London', 'GB', 'london', 'html'],
    ['/GB/London/', 'GB', 'london', 'html'],
    ['/GB/London.json', 'GB', 'london', 'json'],
    ['/GB/LONDON.TXT', 'GB', 'london', 'txt'],
    ['/US/new%20york', 'US', 'new-york', 'html'],
    ['/US/new+york', 'US', 'new-york', 'html'],
    ['/US/New_York', 'US', 'new-york', 'html'],
    ['/DE/M%C3%BCnchen', 'DE', 'munchen', 'html'],
    ['/FR/Saint-%C3%89tienne.json', 'FR', 'saint-etienne', 'json'],
  ])('%s → %s/%s (%s)', (path, cc, key, format) => {
    expect(parsePlacePath(path)).toEqual({ countryCode: cc, key, format });
  });

  it.each(['/', '/GB', '/v1/locations/x', '/GBR/London', '/G1/London', '/a/b/c'])(
    '%s is not a place path',
    (path) => {
      expect(parsePlacePath(path)).toBeNull();
    },
  );

  it.each([
    ['/GB/%C0%AF', 'UTF-8'],
    ['/GB/%E0%A4%A', 'UTF-8'],
    ['/GB/Lon%00don', 'control'],
    ['/GB/Lon%0D%0Adon', 'control'],
    [`/GB/${'a'.repeat(201)}`, 'longer'],
    ['/GB/%2F%2F', 'no letters'],
    ["/GB/'%3B--", 'no letters'],
  ])('%s is refused (%s)', (path, why) => {
    expect(() => parsePlacePath(path)).toThrow(Invalid);
    expect(() => parsePlacePath(path)).toThrow(why);
  });

  it('builds canonical representation paths', () => {
    expect(representationPath('GB', 'London', 'html')).toBe('/GB/London');
    expect(representationPath('GB', 'London', 'json')).toBe('/GB/London.json');
  });
});

describe('readCanonicalJson', () => {
  it('reads /{CC}/{Name}.json as isobar writes it, and nothing else', () => {
    expect(readCanonicalJson('/GB/London.json')).toEqual({ countryCode: 'GB', slug: 'London' });
    expect(readCanonicalJson('/US/New-York-City.json')?.slug).toBe('New-York-City');
    for (const other of [
      '/GB/London',
      '/GB/London.json?units=imperial',
      '/gb/London.json',
      '/GB/new--york.json',
      '/GB/-London.json',
      '/GB/Lon%20don.json',
      '/GB/London.txt',
      '/GBR/London.json',
    ])
      expect(readCanonicalJson(other)).toBeNull();
  });

  it('gives slugs whose lookup key is their lower case', () => {
    const chars = 'abcXYZ019-';
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return chars[seed % chars.length]!;
    };
    let read = 0;
    for (let i = 0; i < 5000; i++) {
      const name = Array.from({ length: 1 + (i % 12) }, next).join('');
      const found = readCanonicalJson(`/GB/${name}.json`);
      if (!found) continue;
      read++;
      expect(slugKey(found.slug)).toBe(found.slug.toLowerCase());
    }
    expect(read).toBeGreaterThan(1000);
  });
});
