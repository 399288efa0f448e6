import type { Mount } from '../http/create-app.ts';
import { type DashboardOptions, dashboardRoutes } from './dashboard-routes.ts';

/** The dashboard, mounted on the app it reads (or on one apart from the API, as options say). */
export function dashboardMount(options: DashboardOptions = {}): Mount {
  return ({ deps, self, mayReadMetrics }) => dashboardRoutes(deps, options, self, mayReadMetrics);
}
