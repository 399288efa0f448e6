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
