import { describe, expect, it } from 'vitest';
import { copyText } from './copy-text.ts';

describe('copyText', () => {
  it('writes values as COPY reads them: tabs, \\N for null, escapes in text', () => {
    const at = new Date(Date.UTC(2024, 1, 29, 23, 59, 59, 7));
    expect(copyText([[1, 'a\tb\\c\nd\re', at, null, undefined, true, 2.5]])).toBe(
      '1\ta\\tb\\\\c\\nd\\re\t2024-02-29T23:59:59.007Z\t\\N\t\\N\tt\t2.5\n',
    );
    expect(() => copyText([[Number.NaN]])).toThrow('cannot copy the number NaN');
  });
});
