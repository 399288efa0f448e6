import { describe, expect, it } from 'vitest';
import { createShaper } from './shape.ts';

const options = { rename: new Map<string, string>(), ignore: new Set<string>() };

describe('createShaper', () => {
  it('passes a record that nothing changes on as it is', () => {
    const record = { place: 'GB/London', observed_at: '2026-06-01T10:00:00Z' };
    expect(createShaper(options)(record)).toEqual(record);
  });

  it('fills in --place and --source on a new record, leaving the file record alone', () => {
    const record = { observed_at: '2026-06-01T10:00:00Z', source: 'met' };
    const shaped = createShaper({ ...options, place: 'GB/London', source: 'other' })(record);
    expect(shaped).toEqual({ ...record, place: 'GB/London' });
    expect(record).toEqual({ observed_at: '2026-06-01T10:00:00Z', source: 'met' });
  });

  it('renames and drops columns by their name in the file', () => {
    const shape = createShaper({
      rename: new Map([['t', 'temperature_c']]),
      ignore: new Set(['x']),
    });
    expect(shape({ t: '3', x: '1', place: 'GB/London' })).toEqual({
      temperature_c: '3',
      place: 'GB/London',
    });
  });
});
