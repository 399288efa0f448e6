import { html } from 'hono/html';
import type { Reading } from '../operations/history.ts';
import { intervals, type ProviderState, providerState } from '../operations/series.ts';
import type { OperationsSummary } from '../operations/summary.ts';
import { count, durationWords, num } from './format.ts';
import { timeSeries } from './time-series.ts';

/** The last hours, from the readings kept: requests, hit ratio, provider outcomes, lag. */
export function trends(readings: readonly Reading[]) {
  const steps = intervals(readings);
  const times = steps.map((s) => s.at);
  return html`<section aria-labelledby="trends-h"><h2 id="trends-h">The last hours</h2>
<div class="series-grid">
${timeSeries({
  id: 'requests-series',
  title: 'Requests a minute',
  times,
  lines: [{ label: 'Requests', values: steps.map((s) => s.requestsPerMinute) }],
  format: (v) => num(v, v < 10 ? 1 : 0),
})}
${timeSeries({
  id: 'hit-ratio-series',
  title: 'Micro-cache hit ratio',
  times,
  top: 1,
  lines: [{ label: 'Hit ratio', values: steps.map((s) => s.hitRatio) }],
  format: (v) => `${num(v * 100, 0)} %`,
})}
${timeSeries({
  id: 'providers-series',
  title: 'Provider requests',
  times,
  lines: [
    { label: 'Answered', values: steps.map((s) => s.providerOk) },
    { label: 'Failed', values: steps.map((s) => s.providerErrors), dashed: true },
  ],
  format: count,
})}
${timeSeries({
  id: 'lag-series',
  title: 'Ingestion lag (largest)',
  times,
  lines: [{ label: 'Lag', values: steps.map((s) => s.lag) }],
  format: durationWords,
})}
</div></section>`;
}

/** Each provider's state lately (see providerState). */
export function providerStates(s: OperationsSummary, readings: readonly Reading[]) {
  return new Map(
    s.providers.map((p) => [
      p.provider,
      providerState(p.provider, { ok: p.ok + p.notModified, errors: p.errors }, readings),
    ]),
  );
}

/** The warning at the top of the page while a provider fails: which, and how. */
export function providerWarning(s: OperationsSummary, states: Map<string, ProviderState>) {
  const failing = s.providers.filter((p) => states.get(p.provider) === 'failing');
  if (failing.length === 0) return '';
  return html`<div class="warning" id="provider-warning" role="alert"><p><strong>⚠ Failing:</strong> ${failing.map(
    (p, i) =>
      html`${i > 0 ? '; ' : ''}${p.provider} answered none of its latest requests (${Object.entries(
        p.errorsByOutcome,
      )
        .map(([o, n]) => `${o} ${count(n)}`)
        .join(', ')} since the start)`,
  )}. Places it serves go stale until it answers again; see <a href="#providers-table">the providers</a>.</p></div>`;
}
