import { describe, expect, it } from 'vitest';
import { asciiJson } from './ascii-json.ts';

describe('asciiJson', () => {
  it('writes only ASCII, and reads back as the same value', () => {
    const value = { unit: '°C', name: 'Łódź', city: 'São Paulo', emoji: '🌧', quote: '"\\' };
    const text = asciiJson(value);
    expect(text).toMatch(/^[\x20-\x7e]*$/);
    expect(text).toContain('\\u00b0C');
    expect(text).toContain('\\ud83c\\udf27');
    expect(JSON.parse(text)).toEqual(value);
  });

  it('is JSON.stringify where the text is ASCII already', () => {
    const value = { a: [1, 2.5, null], b: 'plain' };
    expect(asciiJson(value)).toBe(JSON.stringify(value));
  });
});
