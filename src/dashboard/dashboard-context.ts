import type { ApiClient } from './api-client.ts';
import type { Assets } from './assets.ts';
import type { OperationsHistory } from './operations/history.ts';
import type { MetricsSource } from './operations/metrics-source.ts';

/** What the dashboard's routes share: built once by createApp. */
export interface DashboardContext {
  /** The public API, over HTTP (or in process when the dashboard runs beside it). */
  api: ApiClient;
  /** Where browsers fetch the API from when they redraw a page: '' for this same origin. */
  browserApiBase: string;
  assets: Assets;
  metrics: MetricsSource;
  /** The readings of the metrics kept for the operations page's time series. */
  history: OperationsHistory;
}
