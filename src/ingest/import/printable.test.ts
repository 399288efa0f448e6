import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { printable } from './printable.ts';

describe('printable', () => {
  it('escapes control characters and leaves other text as it is', () => {
    expect(printable('a\u001b[31mb\u0007\n\t\u009b\u202e\u2066é ☀')).toBe(
      'a\\x1b[31mb\\x07\\n\\t\\x9b\\u202e\\u2066é ☀',
    );
  });

  it('never lets a control character through, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(printable(text)).not.toMatch(
          // biome-ignore lint/suspicious/noControlCharactersInRegex: what must not get through.
          /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/,
        );
      }),
    );
  });
});
