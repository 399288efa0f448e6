/** A number as the tables show it: one decimal, a real minus sign, a dash for no value. */
export function num(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const text = Math.abs(value).toFixed(digits);
  return value < 0 && Number(text) !== 0 ? `−${text}` : text;
}

/** A difference with its sign always written: +2.3, −1.0. */
export function signed(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return value > 0 ? `+${num(value, digits)}` : num(value, digits);
}

export const MONTHS = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
];

/** A duration as people say it: "under 1 min", "3 min", "2 h 5 min", "3 d 4 h". */
export function durationWords(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  if (minutes < 1) return 'under 1 min';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${days} d` : `${days} d ${hours % 24} h`;
}

/** An instant (ms since the epoch) in UTC to the second: 2026-11-22T10:15:00Z. */
export const utcSecond = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');

/** A count as people read it: rounded, with thousands separated (12,345). */
export const count = (n: number) => Math.round(n).toLocaleString('en');
