import type { DashboardOptions } from '../dashboard/dashboard-routes.ts';
import { dashboardMount } from '../dashboard/mount.ts';
import { type AppDeps, createApp } from '../http/create-app.ts';

export interface IsobarAppDeps extends AppDeps {
  /** Where the dashboard reads the API and the metrics; default: this app itself. */
  dashboard?: DashboardOptions;
}

/** The origin as it is served: the API and its pages (src/http), with the dashboard mounted. */
export function createIsobarApp({ dashboard, mounts = [], ...deps }: IsobarAppDeps) {
  // The dashboard's script reads the API where it lives: its pages' policy must let it.
  const apart = dashboard?.apiUrl ? [new URL(dashboard.apiUrl).origin] : [];
  return createApp({
    ...deps,
    mounts: [dashboardMount(dashboard), ...mounts],
    connectSources: [...apart, ...(deps.connectSources ?? [])],
  });
}
