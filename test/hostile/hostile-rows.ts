import fc from 'fast-check';

/** Why a generated row must be refused, when it must; what field the refusal names. */
export interface Expected {
  refused: boolean;
  field?: string;
}

export interface HostileRow {
  what: string;
  /** The fields that replace a good row's, for a clock at `now` (ms). */
  row(now: number): Record<string, unknown>;
  expected: Expected;
}

const MAX_ID = 2 ** 31 - 1;
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** A place as a GeoNames id: around the int4 edge, huge, negative, fractional, or digits. */
export const hostileId = fc
  .oneof(
    fc.integer({ min: MAX_ID - 3, max: MAX_ID + 3 }),
    fc.constantFrom(9999999999, 1e300, Number.MAX_SAFE_INTEGER, 2 ** 53 + 2, 1e21),
    fc.bigInt({ min: 2n ** 31n, max: 10n ** 40n }).map(String),
    fc.integer({ min: MAX_ID - 3, max: MAX_ID + 3 }).map(String),
  )
  .map((place): HostileRow => {
    // No place has an id near the edge: each is refused, past it as no GeoNames id at all.
    return {
      what: `place ${place}`,
      row: () => ({ place }),
      expected: { refused: true, field: 'place' },
    };
  });

/** The independent oracle: whether the fields name a moment of the calendar. */
const onCalendar = (y: number, mo: number, d: number, h: number, mi: number, s: number) => {
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
  return days !== undefined && d >= 1 && d <= days && h < 24 && mi < 60 && s < 60;
};

/**
 * A time in a row's time field, written as ISO 8601 with fields anywhere near their ranges:
 * 31 February, 29 February of 1900 and 2000, hour 24, minute 60. Those off the calendar must
 * be refused naming the field; the others taken as observation times.
 */
export const hostileTime = fc
  .record({
    field: fc.constantFrom('observed_at', 'next_update_at'),
    year: fc.constantFrom(1900, 2000, 2023, 2024, 2025),
    month: fc.integer({ min: 0, max: 13 }),
    day: fc.integer({ min: 0, max: 32 }),
    hour: fc.integer({ min: 0, max: 25 }),
    minute: fc.constantFrom(0, 30, 59, 60),
    second: fc.constantFrom(0, 59, 60),
  })
  .map(({ field, year, month, day, hour, minute, second }): HostileRow => {
    const text = `${year}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}Z`;
    const real = onCalendar(year, month, day, hour, minute, second);
    return {
      what: `${field} ${text}`,
      row: () => ({ [field]: text }),
      // The rows' own observed_at is of 2026: a real next update before it is refused too.
      expected: { refused: !real || field === 'next_update_at', field },
    };
  });

/** A next update far ahead: past the 7-day bound it is refused. */
export const hostileNextUpdate = fc.integer({ min: 1, max: 3_000_000 }).map(
  (hours): HostileRow => ({
    what: `next_update_at ${hours} h ahead`,
    row: (now) => ({ next_update_at: new Date(now + hours * 3_600_000).toISOString() }),
    expected: { refused: hours > 7 * 24, field: 'next_update_at' },
  }),
);

/** A row with more fields than any row has, up to 150,000. */
export const hostileWidth = fc.integer({ min: 90, max: 150_000 }).map((extra): HostileRow => {
  const row: Record<string, unknown> = {};
  for (let i = 0; i < extra; i++) row[`f${i}`] = i;
  return { what: `${extra} extra fields`, row: () => row, expected: { refused: true } };
});

/** Control characters of every kind, as a field name may carry them. */
export const controlText = fc
  .array(
    fc.oneof(
      fc.integer({ min: 0, max: 0x1f }),
      fc.integer({ min: 0x7f, max: 0x9f }),
      fc.constantFrom(0x2028, 0x2029, 0x202a, 0x202e, 0x2066, 0x2069),
      fc.integer({ min: 0x20, max: 0x7e }),
    ),
    { minLength: 1, maxLength: 12 },
  )
  .map((codes) => String.fromCharCode(...codes));

/** A field name holding control characters: refused as a field isobar does not know. */
export const hostileFieldName = controlText.map(
  (name): HostileRow => ({
    what: `field ${JSON.stringify(name)}`,
    row: () => ({ [`x${name}`]: 1 }),
    expected: { refused: true, field: `x${name}` },
  }),
);

/** One field of a good row made hostile, of any of the classes above. */
export const hostileRow = fc.oneof(
  hostileId,
  hostileTime,
  hostileNextUpdate,
  hostileWidth,
  hostileFieldName,
);
