const formatters = new Map<string, Intl.DateTimeFormat>();

// Building an Intl formatter costs far more than using one: keep one per zone and style.
function formatter(timeZone: string, style: 'time' | 'day-time'): Intl.DateTimeFormat {
  const key = `${timeZone}|${style}`;
  let f = formatters.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions =
      style === 'time'
        ? { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }
        : { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
    f = new Intl.DateTimeFormat('en-GB', options);
    formatters.set(key, f);
  }
  return f;
}

/** "14:00" in the place's own time zone. */
export const localTime = (at: Date, timeZone: string) => formatter(timeZone, 'time').format(at);

/** "Sun 14:00" in the place's own time zone. */
export const localDayTime = (at: Date, timeZone: string) =>
  formatter(timeZone, 'day-time').format(at);
