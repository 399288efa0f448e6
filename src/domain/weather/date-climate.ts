/**
 * A calendar date's climate at a place: its normal and its records, from the daily summaries of
 * the place's primary source in the other years held. Values are SI (°C) until shown.
 *
 * The normal for a date is the mean of the daily maxima (and minima, and means) of every other
 * year held within ±NORMAL_WINDOW_DAYS calendar days of that date: a window of 15 days per year
 * smooths the noise of single days without blurring the season. It exists only when at least
 * MIN_CLIMATE_YEARS years have days in the window. Records are per calendar date exactly (the
 * highest maximum and the lowest minimum held on that date, and their years); 29 February is
 * 28 February in other years.
 */

/** Calendar days either side of a date that its normal is taken over. */
export const NORMAL_WINDOW_DAYS = 7;

/**
 * Years a normal or a record stands on, at least: the year-to-year spread of a fortnight's mean
 * temperature is 1.5–2.5 °C in mid-latitudes, so ten years put a normal within about 0.7 °C of
 * the long-run one (σ/√10), close enough for "3° above normal"; with fewer, a normal is a couple
 * of years' weather and every other day is a "record".
 */
export const MIN_CLIMATE_YEARS = 10;

/** One other year's values on the calendar date itself. */
export interface YearValues {
  year: number;
  max: number | null;
  min: number | null;
}

/** What the store sums for a (place, date): the window's means and the date's values by year. */
export interface DateClimateSums {
  /** YYYY-MM-DD. */
  date: string;
  source: string;
  maxMean: number | null;
  minMean: number | null;
  meanMean: number | null;
  /** Distinct years with a maximum (minimum) in the window. */
  maxYears: number;
  minYears: number;
  /** The date's values in other years, oldest first. */
  years: YearValues[];
}

export interface RecordValue {
  value: number;
  year: number;
}

/** A date's normal and records, in SI; null fields where the history is too short. */
export interface DateClimate {
  date: string;
  source: string;
  /** Years of the window the normal stands on (the fewer of maxima and minima). */
  years: number;
  normal: { max: number; min: number; mean: number | null };
  /** The highest maximum and lowest minimum on the date; null under MIN_CLIMATE_YEARS of it. */
  record: { max: RecordValue | null; min: RecordValue | null };
  /** The date's values in other years, oldest first: what a day is ranked against. */
  history: YearValues[];
}

const extreme = (
  years: readonly YearValues[],
  pick: (y: YearValues) => number | null,
  higher: boolean,
): RecordValue | null => {
  const held = years.flatMap((y) => {
    const value = pick(y);
    return value === null ? [] : [{ value, year: y.year }];
  });
  if (held.length < MIN_CLIMATE_YEARS) return null;
  // The earliest year holds a record its equals only tie.
  return held.reduce((best, y) =>
    (higher ? y.value > best.value : y.value < best.value) ? y : best,
  );
};

/** A date's climate from its sums, or null when too few years hold days near it. */
export function dateClimate(s: DateClimateSums): DateClimate | null {
  if (s.maxMean === null || s.minMean === null) return null;
  const years = Math.min(s.maxYears, s.minYears);
  if (years < MIN_CLIMATE_YEARS) return null;
  return {
    date: s.date,
    source: s.source,
    years,
    normal: { max: s.maxMean, min: s.minMean, mean: s.meanMean },
    record: {
      max: extreme(s.years, (y) => y.max, true),
      min: extreme(s.years, (y) => y.min, false),
    },
    history: s.years,
  };
}

/** How a value stands among a date's earlier years: a record, or the most extreme since a year. */
export interface Standing {
  kind: 'warmest' | 'coldest';
  /** The latest earlier year at least as extreme; null for a record. */
  since: number | null;
}

/**
 * Whether a day's maximum (minimum) would be the warmest (coldest) on its date since some year,
 * counting only years before its own: said only when it beats at least MIN_CLIMATE_YEARS held
 * years in a row, so "since last year" is never news.
 */
export function standingOf(
  date: string,
  value: number | null,
  years: readonly YearValues[],
  kind: Standing['kind'],
): (Standing & { beaten: number }) | null {
  if (value === null) return null;
  const year = Number(date.slice(0, 4));
  const pick = (y: YearValues) => (kind === 'warmest' ? y.max : y.min);
  let beaten = 0;
  for (const y of [...years].reverse()) {
    const v = pick(y);
    if (y.year >= year || v === null) continue;
    if (kind === 'warmest' ? v >= value : v <= value) {
      return beaten >= MIN_CLIMATE_YEARS ? { kind, since: y.year, beaten } : null;
    }
    beaten++;
  }
  return beaten >= MIN_CLIMATE_YEARS ? { kind, since: null, beaten } : null;
}

const MONTHS = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long' });

/** `warmest 14 March since 1997`, `coldest 2 January on record`. */
export function standingNote(date: string, s: Standing): string {
  const day = MONTHS.format(new Date(`${date}T00:00:00Z`));
  return `${s.kind} ${day} ${s.since === null ? 'on record' : `since ${s.since}`}`;
}

/** The more telling of a day's two standings: a record first, then the longer run beaten. */
export function dayStanding(
  date: string,
  max: number | null,
  min: number | null,
  years: readonly YearValues[],
): Standing | null {
  const found = [standingOf(date, max, years, 'warmest'), standingOf(date, min, years, 'coldest')]
    .filter((s) => s !== null)
    .sort((a, b) => Number(a.since !== null) - Number(b.since !== null) || b.beaten - a.beaten);
  const best = found[0];
  return best ? { kind: best.kind, since: best.since } : null;
}
