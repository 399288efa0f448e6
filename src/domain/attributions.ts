/**
 * The credits the licences of isobar's data sources ask for, by the `source` their rows carry,
 * shown with every document made from those rows. Sources not listed (the demo source, a write
 * API client's own) need none.
 */
export const SOURCE_ATTRIBUTIONS: Readonly<Record<string, string>> = {
  'open-meteo': 'Weather data by Open-Meteo.com, CC BY 4.0',
  'met-norway': 'Data from MET Norway (api.met.no), CC BY 4.0',
};

/** The credits for the sources a document shows, each once, in the order listed above. */
export function sourceAttributions(sources: readonly (string | null | undefined)[]): string[] {
  const shown = new Set(sources);
  return Object.entries(SOURCE_ATTRIBUTIONS)
    .filter(([source]) => shown.has(source))
    .map(([, credit]) => credit);
}

/** The alert feeds isobar reads (src/ingest/alerts/), as their credits name them. */
const ALERT_FEEDS: Readonly<Record<string, string>> = {
  nws: 'the US National Weather Service (api.weather.gov)',
  'met-alerts': 'MET Norway MetAlerts (api.met.no), CC BY 4.0',
  meteoalarm: 'MeteoAlarm (meteoalarm.org)',
};

/** The credits of the warnings shown: each issuer once, with the feed it came through. */
export function alertAttributions(alerts: readonly { issuer: string; source: string }[]): string[] {
  const credits = alerts.map(({ issuer, source }) => {
    const feed = ALERT_FEEDS[source];
    return feed ? `Warning by ${issuer}, via ${feed}` : `Warning by ${issuer}`;
  });
  return [...new Set(credits)];
}
