import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localDate } from './day.ts';

const ZONES = Intl.supportedValuesOf('timeZone');
const plain = (at: Date, timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);

describe('localDate', () => {
  it('gives the date Intl gives, in every zone, at any instant (the cache never differs)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.date({ min: new Date('1950-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
        (zone, at) => {
          // The instant and its neighbours across a quarter hour, each read twice (cached).
          for (const ms of [0, -1, 1, 899_999, 900_000, -900_000]) {
            const t = new Date(at.getTime() + ms);
            expect(localDate(t, zone)).toBe(plain(t, zone));
            expect(localDate(t, zone)).toBe(plain(t, zone));
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('changes at local midnight, also where the offset is not whole hours', () => {
    // Kathmandu is UTC+05:45: its midnight is 18:15 UTC.
    expect(localDate(new Date('2026-03-01T18:14:59.999Z'), 'Asia/Kathmandu')).toBe('2026-03-01');
    expect(localDate(new Date('2026-03-01T18:15:00Z'), 'Asia/Kathmandu')).toBe('2026-03-02');
  });
});
