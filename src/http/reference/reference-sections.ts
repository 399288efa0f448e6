import type { RouteName } from '../../contract/uris/uri-space.ts';

/** An operation as the reference lists it. */
export interface ReferenceEntry {
  route: RouteName;
  method?: 'get' | 'post';
  /**
   * A request that works on a demo database, asked live from the page; its answer is kept in
   * example-answers.json (test/http/api-examples.test.ts fails when it drifts).
   */
  example?: string;
  /** Shown instead of the operation's summary, where one operation is listed twice. */
  title?: string;
  /** Only the title, the example and its answer: the operation is described elsewhere. */
  seeAlso?: RouteName;
}

export interface ReferenceSection {
  id: string;
  title: string;
  entries: ReferenceEntry[];
  /** The section that lists every operation no other section names. */
  rest?: true;
}

/**
 * The reference's order: what callers come for (the weather of a place, a day, as text, its
 * warnings, history and statistics, finding places) first; following changes; writes; the site's own pages and files; and
 * the operator's URIs last. Example dates lie in the demo history the examples are made from.
 */
export const REFERENCE_SECTIONS: readonly ReferenceSection[] = [
  {
    id: 'place',
    title: 'Weather for a place',
    entries: [{ route: 'place', example: '/GB/London.json' }],
  },
  {
    id: 'day',
    title: 'One day of a place',
    entries: [{ route: 'day', example: '/GB/London/2026-11-21.json' }],
  },
  {
    id: 'text',
    title: 'Text, for terminals',
    entries: [
      {
        route: 'place',
        example: '/GB/London.txt',
        title: 'A place, or a day, as plain text',
        seeAlso: 'place',
      },
    ],
  },
  {
    id: 'warnings',
    title: 'Weather warnings',
    entries: [
      { route: 'place-alerts', example: '/GB/London/alerts' },
      { route: 'place-alerts-atom' },
    ],
  },
  {
    id: 'history',
    title: 'History',
    entries: [
      {
        route: 'history',
        example: '/v1/locations/GB/London/history?from=2026-11-15&to=2026-11-21',
      },
    ],
  },
  {
    id: 'statistics',
    title: 'Statistics',
    entries: [
      {
        route: 'stats-daily',
        example: '/v1/locations/GB/London/stats/daily?from=2026-11-15&to=2026-11-21',
      },
      { route: 'stats-climatology', example: '/v1/locations/GB/London/stats/climatology' },
      { route: 'stats-records', example: '/v1/locations/GB/London/stats/records?limit=3' },
      { route: 'stats-anomaly', example: '/v1/locations/GB/London/stats/anomaly?date=2026-11-21' },
      { route: 'rankings', example: '/v1/rankings/GB?from=2026-11-15&stat=warmest&to=2026-11-21' },
    ],
  },
  {
    id: 'search',
    title: 'Finding places',
    entries: [
      { route: 'search', example: '/v1/locations?q=lon' },
      { route: 'location', example: '/v1/locations/GB/London' },
      { route: 'search-page', example: '/search?q=lon' },
    ],
  },
  {
    id: 'coordinates',
    title: 'Coordinates',
    entries: [
      { route: 'nearest', example: '/v1/nearest?lat=51.51&lon=-0.13' },
      { route: 'coordinates', example: '/@51.5074,-0.1278' },
    ],
  },
  {
    id: 'changes',
    title: 'Following changes',
    entries: [{ route: 'changes' }, { route: 'status', example: '/v1/status' }],
  },
  {
    id: 'writes',
    title: 'Writing weather',
    entries: [
      { route: 'observations', method: 'post' },
      { route: 'forecasts', method: 'post' },
      { route: 'purge', method: 'post' },
    ],
  },
  { id: 'site', title: 'Pages and files', entries: [], rest: true },
  {
    id: 'operations',
    title: 'Operations',
    entries: [{ route: 'healthz', example: '/healthz' }, { route: 'metrics' }],
  },
];

/** Every example request the reference shows an answer for. */
export const EXAMPLE_REQUESTS: readonly string[] = REFERENCE_SECTIONS.flatMap((s) =>
  s.entries.flatMap((e) => (e.example ? [e.example] : [])),
);
