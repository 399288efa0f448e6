import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { Assets } from '../assets.ts';
import type { Reading } from '../operations/history.ts';
import type { ProviderState } from '../operations/series.ts';
import type { OperationsSummary, SourceIngestion } from '../operations/summary.ts';
import { count, durationWords, num, utcSecond } from './format.ts';
import { frame } from './frame.ts';
import { providerStates, providerWarning, trends } from './operations-trends.ts';
import { scrollBox } from './scroll-box.ts';

/** A latency as people read it: 0.3 ms, 42 ms, 1.2 s. */
const ms = (seconds: number | null) => {
  if (seconds === null) return '—';
  if (seconds >= 1) return `${num(seconds, 1)} s`;
  return `${num(seconds * 1000, seconds < 0.01 ? 1 : 0)} ms`;
};

/** A cell: text, or markup made by the html helper (escaped there). */
type Cell = string | number | HtmlEscapedString | Promise<HtmlEscapedString>;

function table(id: string, caption: string, head: string[], rows: Cell[][]) {
  return scrollBox(
    caption,
    html`<table id="${id}"><caption>${caption}</caption>
<thead><tr>${head.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>
<tbody>${
      rows.length === 0
        ? html`<tr><td colspan="${head.length}" class="muted">Nothing counted yet.</td></tr>`
        : rows.map(
            (r) =>
              html`<tr><th scope="row">${r[0]}</th>${r.slice(1).map((c) => html`<td>${c}</td>`)}</tr>`,
          )
    }</tbody></table>`,
  );
}

export interface OperationsView {
  summary: OperationsSummary | null;
  /** Why the metrics could not be read, when they could not. */
  error: string | null;
  source: string;
  /** The readings kept of the last hours, oldest first (the current one last). */
  history: readonly Reading[];
  /** When the metrics were read, ms since the epoch. */
  readAt: number;
}

const seconds = (unix: number | null) => (unix === null ? '—' : utcSecond(unix * 1000));

/** Counts with the words that say what they are, so the cell reads the same without colour. */
function errorsCell(i: SourceIngestion) {
  const reasons = Object.entries(i.errorsByReason).map(([r, n]) => `${r} ${count(n)}`);
  const rejected =
    i.rejected > 0 ? [`${count(i.rejected)} row${i.rejected === 1 ? '' : 's'} rejected`] : [];
  return [...rejected, ...reasons].join('; ') || '0';
}

function ingestionRow(i: SourceIngestion): Cell[] {
  return [
    i.source,
    `${count(i.stored)} (${count(i.unchanged)} unchanged)`,
    errorsCell(i),
    i.newest === null
      ? '—'
      : html`<span class="nowrap">${seconds(i.newest)}</span> (${i.newestKind})`,
    i.lag === null ? '—' : durationWords(i.lag),
    seconds(i.lastWrite),
  ];
}

/** A provider's state in words, so the table reads the same without colour. */
const STATE_WORDS: Record<ProviderState, string> = {
  failing: '⚠ failing',
  errors: 'some errors',
  ok: 'answering',
};

/** The operations page: the service's own counters, as tables (no chart needed to read them). */
export function operationsPage(view: OperationsView, assets: Assets) {
  const s = view.summary;
  const ratio = s?.cache.ratio;
  const states = s ? providerStates(s, view.history) : new Map<string, ProviderState>();
  const stateWords = (p: string) => STATE_WORDS[states.get(p) ?? 'ok'];
  const body = html`<h1>Operations</h1>
<p class="muted">Read from the metrics of ${view.source} at ${utcSecond(view.readAt)}; counters run from the process's start. <a href="/dashboard/operations">Refresh</a></p>
${view.error ? html`<p class="notice" id="metrics-error" role="alert">The metrics could not be read: ${view.error}</p>` : ''}
${
  s
    ? html`${providerWarning(s, states)}<div class="tiles">
<p class="tile"><span class="big" id="cache-ratio">${ratio === null || ratio === undefined ? '—' : `${num(ratio * 100, 1)} %`}</span> micro-cache hit ratio <span class="muted">(${count(s.cache.hit)} hits, ${count(s.cache.coalesced)} coalesced, ${count(s.cache.miss)} misses, ${count(s.cache.stale)} stale)</span></p>
<p class="tile"><span class="big">${count(s.routes.reduce((a, r) => a + r.count, 0))}</span> requests answered</p>
<p class="tile"><span class="big">${count(s.queries.reduce((a, q) => a + q.count, 0))}</span> database queries</p></div>
${trends(view.history)}
<section><h2>Requests</h2>
${table(
  'routes-table',
  'By route, with latency',
  ['Route', 'Requests', 'p50', 'p95'],
  s.routes.map((r) => [r.route, count(r.count), ms(r.p50), ms(r.p95)]),
)}
${table(
  'requests-table',
  'By route and status',
  ['Route', 'Status', 'Requests'],
  s.requests.map((r) => [r.route, r.status, count(r.count)]),
)}</section>
<section><h2>Database</h2>
${table(
  'queries-table',
  'Statements executed, by name',
  ['Statement', 'Executions'],
  s.queries.map((q) => [q.query, count(q.count)]),
)}</section>
<section><h2>Ingestion</h2>
${table(
  'providers-table',
  'Upstream providers: requests, errors, and places whose update is overdue',
  ['Source', 'State', 'OK', 'Not modified', 'Errors', 'Places behind', 'Budget left today'],
  s.providers.map((p) => [
    p.provider,
    stateWords(p.provider),
    count(p.ok),
    count(p.notModified),
    p.errors === 0
      ? '0'
      : `${count(p.errors)} (${Object.entries(p.errorsByOutcome)
          .map(([o, n]) => `${o} ${count(n)}`)
          .join(', ')})`,
    p.behind === null ? '—' : count(p.behind),
    p.budgetLeft === null ? '—' : count(p.budgetLeft),
  ]),
)}
<p class="muted" id="ingestion-note">Rows stored by this server: write API and providers; <code>isobar import</code> runs in its own process and reports its own counts. Lag: from the newest data time to the time above.</p>
${table(
  'ingestion-table',
  'Ingestion by source',
  ['Source', 'Rows stored (unchanged)', 'Rejected / errors', 'Newest data', 'Lag', 'Last write'],
  s.ingestion.map(ingestionRow),
)}</section>
<section><h2>Invalidation</h2>
${table(
  'purges-table',
  'Purges sent to the edge',
  ['Result', 'Purges'],
  s.purges.map((p) => [p.result, count(p.count)]),
)}
${table(
  'changes-table',
  'Change announcements heard',
  ['Event', 'Count'],
  s.changes.map((c) => [c.event, count(c.count)]),
)}</section>`
    : ''
}`;
  return frame({ title: 'Operations', body, assets, section: 'operations' });
}
