import { type Quantity, spellings } from '../domain/weather/quantities.ts';
import type { RowError } from './row-reader.ts';

/** The earliest time or date a row may carry. */
export const EARLIEST = Date.UTC(1800, 0, 1);

/** The largest id a place may have: GeoNames ids are stored as Postgres `integer`. */
export const MAX_GEONAMES_ID = 2_147_483_647;

const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * The day as UTC milliseconds when year, month (1-12) and day name a day of the calendar; NaN
 * otherwise. `Date` would move 31 February to 3 March without a word.
 */
export function calendarDay(year: number, month: number, day: number): number {
  const ms = Date.UTC(year, month - 1, day);
  const d = new Date(ms);
  // Date.UTC maps years 0-99 to 1900-1999; such years are refused before 1800 anyway.
  return d.getUTCMonth() === month - 1 && d.getUTCDate() === day ? ms : Number.NaN;
}

/** Whether an instant's fields (as INSTANT captures them) name a real moment. */
function onCalendar(m: RegExpExecArray): boolean {
  // Read from the match in place: an import checks one or two instants on every row.
  return (
    Number.isFinite(calendarDay(Number(m[1]), Number(m[2]), Number(m[3]))) &&
    Number(m[4]) < 24 &&
    Number(m[5]) < 60 &&
    Number(m[6] ?? 0) < 60 &&
    Number(m[7] ?? 0) < 24 &&
    Number(m[8] ?? 0) < 60
  );
}

// Each quantity's field names (`temperature_c`, `temperature_f`) with their conversions, made once:
// spelling them out again for every row was the largest cost of reading an import's rows.
const spelled = new WeakMap<Quantity, [string, (n: number) => number][]>();
const fieldsOf = (quantity: Quantity) => {
  let fields = spelled.get(quantity);
  if (!fields) {
    fields = Object.entries(quantity.units).map(([unit, toSi]) => [
      `${quantity.name}_${unit}`,
      toSi,
    ]);
    spelled.set(quantity, fields);
  }
  return fields;
};

/**
 * The fields a kind of row has: the named ones and every spelling of its quantities. Made once
 * per kind: a row's other fields are leftovers (FieldReader.leftovers).
 */
export interface RowFields {
  names: ReadonlySet<string>;
  /** The quantities, longest name first: `wind_speed_x` is told of wind_speed, not wind. */
  quantities: readonly Quantity[];
}

export function rowFields(names: readonly string[], quantities: readonly Quantity[]): RowFields {
  const all = new Set(names);
  for (const quantity of quantities) for (const [field] of fieldsOf(quantity)) all.add(field);
  const byLength = [...quantities].sort((a, b) => b.name.length - a.name.length);
  return { names: all, quantities: byLength };
}

/** Reads one row's fields, collecting every problem rather than stopping at the first. */
export class FieldReader {
  readonly errors: RowError[] = [];

  private readonly raw: Record<string, unknown>;
  private readonly index: number;

  constructor(raw: Record<string, unknown>, index: number) {
    this.raw = raw;
    this.index = index;
  }

  fail(field: string, reason: string): undefined {
    this.errors.push({ index: this.index, field, reason });
    return undefined;
  }

  /** The field's value; undefined when absent, null or empty (a blank CSV cell). */
  value(field: string): unknown {
    const v = this.raw[field];
    return v === null || v === '' ? undefined : v;
  }

  text(field: string, required: boolean): string | undefined {
    const v = this.value(field);
    if (v === undefined) return required ? this.fail(field, 'is required') : undefined;
    if (typeof v !== 'string') return this.fail(field, 'must be text');
    return v.trim();
  }

  /**
   * An instant with its zone; `latest` (ms) refuses times past it, such as the future. A write's
   * JSON and an import's CSV bring text; a provider's adapter hands its times as Dates, read from
   * the upstream's own format already, and only their range is checked here.
   */
  instant(field: string, required: boolean, latest = Number.POSITIVE_INFINITY): Date | undefined {
    const given = this.value(field);
    if (given instanceof Date)
      return this.inRange(field, given.getTime(), latest) ? given : undefined;
    const text = this.text(field, required);
    if (text === undefined) return undefined;
    const m = INSTANT.exec(text);
    if (!m) {
      return this.fail(field, 'must be an ISO 8601 time with a zone, e.g. 2026-06-01T10:00:00Z');
    }
    const ms = onCalendar(m) ? Date.parse(text) : Number.NaN;
    return this.inRange(field, ms, latest) ? new Date(ms) : undefined;
  }

  /** Whether an instant (ms) is a real time between 1800 and `latest`; fails the field if not. */
  private inRange(field: string, ms: number, latest: number): boolean {
    if (!Number.isFinite(ms)) {
      this.fail(field, 'is not a real date and time: no such month, day, hour or minute');
    } else if (ms < EARLIEST) this.fail(field, 'is before 1800');
    else if (ms > latest) this.fail(field, 'is in the future');
    else return true;
    return false;
  }

  /** A quantity given in any of its units (`temperature_c` or `temperature_f`), in SI; null if absent. */
  quantity(quantity: Quantity): number | null {
    let found: number | null = null;
    let given: string | undefined;
    for (const [field, toSi] of fieldsOf(quantity)) {
      const v = this.value(field);
      if (v === undefined) continue;
      if (given) {
        this.fail(field, `${quantity.name} is already given as ${given}`);
        continue;
      }
      given = field;
      const n =
        typeof v === 'number'
          ? v
          : typeof v === 'string' && NUMBER.test(v.trim())
            ? Number(v)
            : Number.NaN;
      if (!Number.isFinite(n)) {
        this.fail(field, 'must be a number');
        continue;
      }
      const si = toSi(n);
      if (si < quantity.min || si > quantity.max) {
        const [lo, hi] = [quantity.min, quantity.max].map((x) => Number(x.toPrecision(6)));
        const inSi = `${quantity.name}_${Object.keys(quantity.units)[0]}`;
        this.fail(field, `${n} is outside what is physically possible: ${lo} to ${hi} as ${inSi}`);
        continue;
      }
      // Every quantity is stored as a real, which holds the float nearest it: for a value as
      // small as 1e-50, 0 (Postgres would refuse its text as out of range for a real).
      found = Math.fround(si) === 0 ? 0 : si;
    }
    return found;
  }

  /** Fields the row kind does not know: a unit isobar does not take, or a field of another kind. */
  leftovers(fields: RowFields): void {
    for (const field of Object.keys(this.raw)) {
      if (fields.names.has(field)) continue;
      const quantity = fields.quantities.find((q) => field.startsWith(`${q.name}_`));
      this.fail(
        field,
        quantity
          ? `is not a unit isobar takes for ${quantity.name}: write ${spellings(quantity)}`
          : 'is not a field of this kind of row',
      );
    }
  }
}
