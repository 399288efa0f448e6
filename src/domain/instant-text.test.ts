import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { instantText } from './instant-text.ts';

describe('instantText', () => {
  it('writes every time as toISOString does, in any order', () => {
    fc.assert(
      fc.property(fc.array(fc.date({ noInvalidDate: true }), { maxLength: 20 }), (dates) => {
        for (const d of dates) expect(instantText(d)).toBe(d.toISOString());
      }),
      { numRuns: 500 },
    );
  });
});
