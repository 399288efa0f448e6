import { describe, expect, it } from 'vitest';
import { codingTag, isNotModified } from './conditional.ts';

const TAG = '"k3Vb9x"';
const asked = (ifNoneMatch: string) => ({
  get: (name: string) => (name === 'if-none-match' ? ifNoneMatch : null),
});
const matches = (ifNoneMatch: string) =>
  isNotModified(asked(ifNoneMatch), { etag: TAG, lastModified: null });

describe('conditional GET across content codings', () => {
  it('gives each coding its own strong tag, made from the uncoded one', () => {
    expect(codingTag(TAG, 'identity')).toBe(TAG);
    expect(codingTag(TAG, 'gzip')).toBe('"k3Vb9x-gz"');
    expect(codingTag(TAG, 'br')).toBe('"k3Vb9x-br"');
  });

  it('matches the tag of any coding of the representation, weak or strong, in a list', () => {
    for (const coding of ['identity', 'gzip', 'br'] as const) {
      expect(matches(codingTag(TAG, coding))).toBe(true);
      expect(matches(`W/${codingTag(TAG, coding)}`)).toBe(true);
    }
    expect(matches(`"other", ${codingTag(TAG, 'br')}`)).toBe(true);
    expect(matches('*')).toBe(true);
  });

  it('does not match the tags of another representation, whatever their coding', () => {
    expect(matches('"k3Vb9y"')).toBe(false);
    expect(matches('"k3Vb9y-gz"')).toBe(false);
    expect(matches('"k3Vb9x-zz"')).toBe(false);
    expect(matches('"k3Vb9"')).toBe(false);
    expect(matches('k3Vb9x')).toBe(false);
    expect(isNotModified(asked(TAG), { etag: null, lastModified: null })).toBe(false);
  });
});
