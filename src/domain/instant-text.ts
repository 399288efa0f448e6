// Protects the bench:import row "ratio (isobar / COPY)" (bench/import.ts) and the bench:refresh
// row "CPU per refresh" (bench/refresh.ts): times are written by hand, not by Date#toISOString,
// which took two thirds of encoding an import's rows for COPY.

const DAY_MS = 86_400_000;
const TWO = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const THREE = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));
// Years 1800 to 9999, where toISOString writes four digits; others go by toISOString.
const FROM_MS = Date.UTC(1800, 0, 1);
const UNTIL_MS = Date.UTC(10_000, 0, 1);

/** The last day written, as `YYYY-MM-DDT`: a batch's rows come mostly in time order. */
let lastDay = Number.NaN;
let lastDayText = '';

/** A time as toISOString writes it (`2024-03-01T12:00:00.000Z`). */
export function instantText(date: Date): string {
  const ms = date.getTime();
  if (!(ms >= FROM_MS && ms < UNTIL_MS)) return date.toISOString();
  const day = Math.floor(ms / DAY_MS);
  if (day !== lastDay) {
    lastDay = day;
    lastDayText = new Date(day * DAY_MS).toISOString().slice(0, 11);
  }
  let rest = ms - day * DAY_MS;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const s = Math.floor(rest / 1000);
  return `${lastDayText}${TWO[h]}:${TWO[m]}:${TWO[s]}.${THREE[rest - s * 1000]}Z`;
}
