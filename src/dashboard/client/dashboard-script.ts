import type { DashboardState } from '../api-documents.ts';
import { compareView } from './compare-view.ts';
import { placeView } from './place-view.ts';

// The dashboard's script (bundled by src/dashboard/client-bundle.ts): draws the charts from the
// state the server embedded, and redraws them in place from the JSON API when the period or the
// place changes, recording each state in the URL. It renders its tables with the server's own
// renderers, so a redrawn table is the one a reload would show. Without it, the server-rendered
// tables still say everything.

const stateElement = document.getElementById('dashboard-state');
if (stateElement?.textContent && window.uPlot) {
  const state: DashboardState = JSON.parse(stateElement.textContent);
  document.documentElement.classList.add('js');
  if (state.page === 'place') placeView(state);
  else compareView(state);
}
