import type { z } from '@hono/zod-openapi';
import type {
  locationDocumentSchema,
  locationSchema,
  searchSchema,
} from '../documents/document-schemas.ts';
import type {
  anomalySchema,
  climatologySchema,
  dailyStatsSchema,
  recordsSchema,
} from '../http/statistics/stats-document-schemas.ts';
import type { Period } from './period.ts';

// The documents the dashboard reads, typed from the schemas the API answers by. Type imports
// only: the browser's script shares these types, and a value import would bundle zod into it.

export type Location = z.infer<typeof locationSchema>;
export type LocationDocument = z.infer<typeof locationDocumentSchema>;
export type SearchResults = z.infer<typeof searchSchema>;
export type DailyStats = z.infer<typeof dailyStatsSchema>;
export type Climatology = z.infer<typeof climatologySchema>;
export type Records = z.infer<typeof recordsSchema>;
export type Anomaly = z.infer<typeof anomalySchema>;

/** A place as the dashboard names it: `GB/London`, with what the API says of it. */
export interface Located {
  ref: string;
  location: Location;
}

/** What the place page's script redraws from: the API's own documents, as the server read them. */
export interface PlaceState {
  page: 'place';
  /** Where the browser fetches the API from: '' for the page's own origin. */
  apiBase: string;
  ref: string;
  location: Location;
  today: string;
  period: Period;
  daily: DailyStats;
  climatology: Climatology;
  records: Records;
  anomaly: Anomaly;
}

/** What the comparison page's script redraws from. */
export interface CompareState {
  page: 'compare';
  apiBase: string;
  places: Located[];
  period: Period;
  series: DailyStats[];
}

/** The state a page embeds for its script (`<script id="dashboard-state">`). */
export type DashboardState = PlaceState | CompareState;

/** The `detail` of a problem document (RFC 9457), or null when the body is not one. */
export function problemDetail(body: unknown): string | null {
  if (typeof body !== 'object' || body === null || !('detail' in body)) return null;
  return typeof body.detail === 'string' ? body.detail : null;
}
