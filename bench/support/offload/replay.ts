// Origin offload through one cache, the first row of bench/offload.ts: a simulated day of visitors
// replayed through the edge's own caching code (edge/src: route, cacheKey, lookup with its freshness, stale-while-revalidate,
// revalidation and coalescing, firstVisit with its cookie and geolocation) on the in-memory store,
// with a virtual clock. Behind it, a simulated origin renders each answer with the contract's
// freshness rules and keeps the origin's real micro-cache (src/http/cache/micro-cache.ts); each
// micro-cache load counts as one database query. Printed against the bound of the design: places
// viewed x updates per day. A simulation, not a timing: nothing is asserted.
//
// Hot loop. A full fetch-handler call costs ~60 µs in Node and an edge miss ~100 µs, too slow for
// ten million visitors in two minutes, so:
//   - every BENCH_FULL_EVERY-th simulated visitor goes through the whole worker
//     (createEdge().fetch, real Requests, following the 302 with the cookie it set);
//   - the others call lookup() and firstVisit() themselves, on the same store and origin; a lookup
//     is skipped only while the edge's own entryState() says the stored copy is fresh (lookup's
//     first branch: a hit, which changes nothing), and one skip in VERIFY_EVERY runs the real code
//     anyway and must come back a hit; mismatches are printed. A first visit's 302 is reused the
//     same way while the nearest-place copy it was made from is the one stored and fresh;
//   - `/` with a cookie is a pure function of the cookie (no cache, no origin): firstVisit() answers
//     it once per place, the answer is reused;
//   - places are sampled (BENCH_HEAD, BENCH_PLACE_SAMPLE, below): the popular ones all, the tail
//     one cell in SAMPLE, weighted. BENCH_PLACE_SAMPLE=1 simulates every place (~10 min).
// Origin latency is zero in virtual time, so every miss is stored before the next request: the
// same origin count as perfect coalescing. One edge cache (one data centre, or a tiered cache's
// upper tier); many data centres are bench/support/offload/model.ts's part.
//
// Run on import, by bench/offload.ts (BENCH_REPLAY=0 leaves it out); BENCH_VISITORS,
// BENCH_FIRST_VISITS, BENCH_BOOKMARKS, BENCH_API, BENCH_ZIPF_S, BENCH_UPDATES=spread|hour,
// BENCH_HEAD, BENCH_PLACE_SAMPLE, BENCH_FULL_EVERY and BENCH_SEED change the run.
import { cacheKey } from '../../../edge/src/cache/cache-key.ts';
import type { CacheStore, StoredEntry } from '../../../edge/src/cache/cache-store.ts';
import {
  type CachedFetchDeps,
  type Fetched,
  type Lookup,
  lookup,
} from '../../../edge/src/cache/cached-fetch.ts';
import { createCoalescer } from '../../../edge/src/cache/coalesce.ts';
import { entryState } from '../../../edge/src/cache/freshness.ts';
import { createMemoryCacheStore } from '../../../edge/src/cache/memory-cache-store.ts';
import { EDGE_STATUS_HEADER } from '../../../edge/src/cache/respond.ts';
import { createEdge } from '../../../edge/src/edge.ts';
import { firstVisit } from '../../../edge/src/first-visit.ts';
import { cfGeo } from '../../../edge/src/geo.ts';
import { createMemoryReplayGuard } from '../../../edge/src/purge/replay-guard.ts';
import { route } from '../../../edge/src/routes.ts';
import { DAY_S, HOUR_MS, HOUR_S } from '../../../src/contract/durations.ts';
import { isNotModified } from '../../../src/contract/protocol/conditional.ts';
import {
  cacheControl,
  catalogFreshness,
  type Freshness,
  notFoundFreshness,
  storableFreshness,
  weatherFreshness,
} from '../../../src/contract/protocol/freshness.ts';
import { readPlaceCookie } from '../../../src/contract/uris/cookie.ts';
import { nearestPath } from '../../../src/contract/uris/coordinates-uri.ts';
import { type Cacheable, createMicroCache } from '../../../src/http/cache/micro-cache.ts';
import { createZipf, seededRandom } from '../zipf.ts';
import { loadCatalogue } from './catalogue.ts';
import type { SetupFigures } from './report.ts';

const VISITORS = Number(process.env.BENCH_VISITORS ?? 10_000_000);
const FIRST_VISITS = Number(process.env.BENCH_FIRST_VISITS ?? 0.2);
const BOOKMARKS = Number(process.env.BENCH_BOOKMARKS ?? 0.1);
const API = Number(process.env.BENCH_API ?? 0.1);
const ZIPF_S = Number(process.env.BENCH_ZIPF_S ?? 1);
const UPDATES = process.env.BENCH_UPDATES === 'hour' ? 'hour' : 'spread';
const FULL_EVERY = Number(process.env.BENCH_FULL_EVERY ?? 256);
const SEED = Number(process.env.BENCH_SEED ?? 1);
const HEAD = Number(process.env.BENCH_HEAD ?? 1000);
const SAMPLE = Number(process.env.BENCH_PLACE_SAMPLE ?? 20);
const VERIFY_EVERY = 64;
const UPDATES_PER_DAY = DAY_S / HOUR_S;
/** Peak of the diurnal curve (hour, UTC) and its swing: the trough is a third of the peak. */
const PEAK_HOUR = 19;
const SWING = 0.5;
/** Body sizes the origin's micro-cache accounts (its rule: twice the body, for the encodings). */
const BODY_BYTES = { html: 12_000, json: 4_000, nearest: 1_000 };
const DAY_START = Date.UTC(2026, 5, 15);
const PUBLIC = 'https://isobar.example';
const env = { ORIGIN_URL: 'http://origin.internal' };

const started = performance.now();
let now = DAY_START - HOUR_MS;
const clock = () => now;

const { places, pathOf, placeByPath, cellOf, nearestOfCell } = loadCatalogue();
// Places are independent (each key's cache and origin state depends only on its own requests), so
// the tail is sampled: every cell (rounded position) holding one of the HEAD most popular places
// is simulated, and one in SAMPLE of the others, taken in order of popularity. A sampled cell
// counts for the places of its popularity band (ranks 2^k to 2^(k+1)) left out.
const headCells = new Set(cellOf.slice(0, HEAD));
const cellOrder = new Map<string, number>();
const bandOf = new Map<string, number>();
cellOf.forEach((cell, rank) => {
  if (cellOrder.has(cell)) return;
  cellOrder.set(cell, cellOrder.size);
  bandOf.set(cell, Math.floor(Math.log2(rank + 1)));
});
const sampled = (cell: string) => headCells.has(cell) || cellOrder.get(cell)! % SAMPLE === 0;
const inBand = new Map<number, { all: number; sampled: number }>();
for (const cell of cellOf) {
  const band = headCells.has(cell) ? -1 : bandOf.get(cell)!;
  const counts = inBand.get(band) ?? { all: 0, sampled: 0 };
  counts.all++;
  if (sampled(cell)) counts.sampled++;
  inBand.set(band, counts);
}
const weightOf = cellOf.map((cell) => {
  if (!sampled(cell)) return 0;
  const counts = inBand.get(headCells.has(cell) ? -1 : bandOf.get(cell)!)!;
  return counts.all / counts.sampled;
});
/** The weight of the visitor being simulated: what each of its events counts for. */
let weight = 1;
// Hourly updates: at the top of the hour (the demo source), or at a minute of its own per place.
const offsetMs = places.map((p) =>
  UPDATES === 'hour' ? 0 : (Math.imul(p.geonamesId, 0x9e3779b1) >>> 0) % HOUR_MS,
);

interface Tally {
  edgeRequests: number;
  lookups: Record<string, number>;
  redirects: number;
  originRequests: number;
  origin304: number;
  bypass: number;
  queries: { weather: number; catalog: number };
  microHits: number;
}
const newTally = (): Tally => ({
  edgeRequests: 0,
  lookups: { hit: 0, stale: 0, miss: 0, revalidated: 0, failed: 0 },
  redirects: 0,
  originRequests: 0,
  origin304: 0,
  bypass: 0,
  queries: { weather: 0, catalog: 0 },
  microHits: 0,
});
let tally = newTally();
const htmlViews = new Int32Array(places.length);
const jsonViews = new Int32Array(places.length);
const originBySecond = new Float64Array(DAY_S);
let errors = 0;
const log = (message: string) => {
  if (errors++ < 5) console.error(`edge: ${message}`);
};

// The origin: renders with the contract's freshness, behind its own micro-cache.
interface Rendered extends Cacheable {
  status: number;
  body: string;
  etag: string | null;
  lastModified: string | null;
  freshness: Freshness;
}
const micro = createMicroCache<Rendered>({
  maxBytes: 64 * 1024 * 1024, // CACHE_MAX_BYTES' default
  now: clock,
  onResult: (result) => {
    if (result === 'hit') tally.microHits += weight;
  },
});
const rendered = (
  freshness: Freshness,
  bytes: number,
  fields: Omit<Rendered, 'freshness' | 'expiresAt' | 'size' | 'tags'>,
): Rendered => ({
  ...fields,
  freshness,
  expiresAt: now + freshness.maxAge * 1000,
  size: bytes * 2 + 512,
  tags: [],
});

function render(url: URL): Rendered {
  if (url.pathname === '/v1/nearest') {
    tally.queries.catalog += weight;
    const lat = Number(url.searchParams.get('lat'));
    const lon = Number(url.searchParams.get('lon'));
    const found = nearestOfCell.get(nearestPath({ latitude: lat, longitude: lon }));
    const body = JSON.stringify({ location: { path: found === undefined ? null : pathOf[found] } });
    const etag = `"near-${found}"`;
    return rendered(catalogFreshness, BODY_BYTES.nearest, {
      status: 200,
      body,
      etag,
      lastModified: null,
    });
  }
  tally.queries.weather += weight;
  const json = url.pathname.endsWith('.json');
  const place = placeByPath.get(json ? url.pathname.slice(0, -5) : url.pathname);
  if (place === undefined) {
    return rendered(notFoundFreshness, 300, {
      status: 404,
      body: '',
      etag: null,
      lastModified: null,
    });
  }
  const offset = offsetMs[place]!;
  const version = Math.floor((now - offset) / HOUR_MS);
  const updated = offset + version * HOUR_MS;
  const freshness = weatherFreshness(new Date(updated + HOUR_MS), new Date(now));
  return rendered(freshness, json ? BODY_BYTES.json : BODY_BYTES.html, {
    status: 200,
    body: `${url.pathname} ${version}`,
    etag: `"${place}-${version}-${json ? 'json' : 'html'}"`,
    lastModified: new Date(updated).toUTCString(),
  });
}

async function origin(request: Request): Promise<Response> {
  tally.originRequests += weight;
  const second = Math.floor((now - DAY_START) / 1000);
  if (second >= 0 && second < DAY_S) originBySecond[second]! += weight;
  const url = new URL(request.url);
  const rep = await micro.get(`${url.pathname}${url.search}`, async () => render(url));
  const maxAge = Math.max(0, Math.ceil((rep.expiresAt - now) / 1000));
  const headers = new Headers({
    'content-type': 'text/plain; charset=utf-8',
    'cache-control': cacheControl(rep.freshness, maxAge),
    vary: 'Accept-Encoding',
  });
  if (rep.etag) headers.set('etag', rep.etag);
  if (rep.lastModified) headers.set('last-modified', rep.lastModified);
  if (rep.status === 200 && isNotModified(request.headers, rep)) {
    tally.origin304 += weight;
    return new Response(null, { status: 304, headers });
  }
  return new Response(rep.body, { status: rep.status, headers });
}

// The edge: one in-memory store shared by the whole worker and the direct lookups. Its puts are
// watched so the hot loop knows what the edge stored (and with what freshness).
const memoryStore = createMemoryCacheStore(clock);
const stored = new Map<string, { entry: StoredEntry; freshness: Freshness }>();
const store: CacheStore = {
  get: (key) => memoryStore.get(key),
  async put(key, entry, keepSeconds) {
    await memoryStore.put(key, entry, keepSeconds);
    const freshness = storableFreshness(entry.status, entry.headers);
    if (freshness) stored.set(key, { entry, freshness });
    else stored.delete(key);
  },
  async delete(key) {
    stored.delete(key);
    return memoryStore.delete(key);
  },
};
const background: Promise<unknown>[] = [];
const ctx = { waitUntil: (work: Promise<unknown>) => void background.push(work) };
/** Zero origin latency: background refreshes finish before the next visitor arrives. */
async function settle() {
  while (background.length > 0) await Promise.all(background.splice(0));
}
const edge = createEdge({
  store,
  origin,
  geo: cfGeo,
  replay: createMemoryReplayGuard({ clock }),
  clock,
  log,
});
const deps: CachedFetchDeps = {
  store,
  origin,
  coalescer: createCoalescer<Fetched>(),
  clock,
  generation: () => 0,
  originUrl: new URL(env.ORIGIN_URL),
  timeoutMs: 5000,
  log,
};

let skipped = 0;
let verified = 0;
let mismatched = 0;
/** The copy stored under `key`, if the edge's own rule calls it fresh now. */
function freshCopy(key: string) {
  const held = stored.get(key);
  return held && entryState(held.freshness, held.entry.storedAt, now) === 'fresh'
    ? held
    : undefined;
}
/** Whether a known hit may be skipped: one in VERIFY_EVERY runs the real code and is checked. */
const skip = () => ++skipped % VERIFY_EVERY !== 0;
/** lookup(), skipped while the stored copy is fresh (`maySkip`: unless the caller is checking). */
async function cachedLookup(key: string, maySkip = true): Promise<Lookup> {
  const held = freshCopy(key);
  if (held && maySkip && skip()) return { entry: held.entry, status: 'hit' };
  const found = await lookup(key, ctx, deps);
  await settle();
  if (held) {
    verified++;
    if (!('entry' in found) || found.status !== 'hit') mismatched++;
  }
  return found;
}
const count = (status: string) => {
  tally.lookups[status] = (tally.lookups[status] ?? 0) + weight;
};

// What the edge does with each URL is its own decision (route, cacheKey), made once per URL.
const keys = [new Map<number, string | null>(), new Map<number, string | null>()];
const pathOfFormat = (place: number, json: boolean) => `${pathOf[place]}${json ? '.json' : ''}`;
function keyOf(place: number, json: boolean): string | null {
  const known = keys[json ? 1 : 0]!;
  let key = known.get(place);
  if (key === undefined) {
    const url = `${PUBLIC}${pathOfFormat(place, json)}`;
    key = route(new Request(url)) === 'cached' ? cacheKey(url) : null;
    known.set(place, key);
  }
  return key;
}
function viewed(place: number, json: boolean) {
  (json ? jsonViews : htmlViews)[place]!++;
}
/** A place page or document: the cached lookup, or the origin when the edge would not cache it. */
async function get(place: number, json: boolean) {
  tally.edgeRequests += weight;
  viewed(place, json);
  const key = keyOf(place, json);
  if (key === null) {
    tally.bypass += weight;
    await origin(new Request(`${env.ORIGIN_URL}${pathOfFormat(place, json)}`));
  } else {
    const found = await cachedLookup(key);
    count('entry' in found ? found.status : 'failed');
  }
}
const placeOf = (location: string | null) => {
  const place = placeByPath.get((location ?? '').replace(PUBLIC, ''));
  if (place === undefined) log(`a redirect to an unknown place: ${location}`);
  return place;
};

// `/` without a cookie: one Request, its `request.cf` set per visitor. firstVisit's answer depends
// only on the position and the nearest-place copy it read, so while that same copy is fresh
// the answer is remembered per rounded position (and checked one time in VERIFY_EVERY).
const entrance = new Request(`${PUBLIC}/`) as Request & { cf?: unknown };
const cfOf = (place: number) => ({
  latitude: String(places[place]!.latitude),
  longitude: String(places[place]!.longitude),
});
const firstVisits = new Map<string, { key: string; entry: StoredEntry; landing: number }>();
async function firstVisitFast(place: number): Promise<number | undefined> {
  tally.edgeRequests += weight;
  const known = firstVisits.get(cellOf[place]!);
  const reused = known && freshCopy(known.key)?.entry === known.entry;
  if (known && reused && skip()) {
    count('hit');
    tally.redirects += weight;
    return known.landing;
  }
  entrance.cf = cfOf(place);
  let read: { key: string; found: Lookup } | undefined;
  const answer = await firstVisit(entrance, {
    geo: cfGeo,
    lookup: async (key) => {
      const found = await cachedLookup(key, !reused);
      count('entry' in found ? found.status : 'failed');
      read = { key, found };
      return found;
    },
    passThrough: async (request) => {
      tally.bypass += weight;
      return origin(request);
    },
  });
  if (answer.status !== 302) return undefined;
  tally.redirects += weight;
  // The browser keeps the cookie: its next visit comes back through returnFast.
  if (!readPlaceCookie(answer.headers.get('set-cookie'))) log('a first visit set no cookie');
  const landing = placeOf(answer.headers.get('location'));
  if (known && reused && landing !== known.landing) mismatched++;
  if (read && 'entry' in read.found && landing !== undefined)
    firstVisits.set(cellOf[place]!, { key: read.key, entry: read.found.entry, landing });
  return landing;
}
// `/` with a cookie: answered from the cookie alone (no cache, no origin), so once per place.
const cookieLanding = new Map<number, number | undefined>();
async function returnFast(place: number): Promise<number | undefined> {
  tally.edgeRequests += weight;
  tally.redirects += weight;
  if (!cookieLanding.has(place)) {
    const request = new Request(`${PUBLIC}/`, {
      headers: { cookie: `place=${pathOf[place]!.slice(1)}` },
    });
    const refuse = () =>
      Promise.reject(new Error('a cookie visit reached the cache or the origin'));
    const answer = await firstVisit(request, { geo: cfGeo, lookup: refuse, passThrough: refuse });
    cookieLanding.set(place, placeOf(answer.headers.get('location')));
  }
  return cookieLanding.get(place);
}

/** The whole worker, with real Requests; the 302's cookie goes along with the next request. */
async function viaWorker(path: string, cookie: string | null, cf?: unknown): Promise<Response> {
  tally.edgeRequests += weight;
  const request = new Request(`${PUBLIC}${path}`, { headers: cookie ? { cookie } : {} });
  if (cf) Object.assign(request, { cf });
  const response = await edge.fetch(request, env, ctx);
  await response.arrayBuffer();
  await settle();
  // On a 302 from `/`, X-Isobar-Edge tells how the nearest-place lookup went (bypass: none).
  const status = response.headers.get(EDGE_STATUS_HEADER) ?? 'none';
  if (response.status === 302) tally.redirects += weight;
  if (status === 'bypass') {
    if (response.status !== 302) tally.bypass += weight;
  } else count(status);
  return response;
}
async function visitViaWorker(kind: Kind, place: number) {
  const cookie = `place=${pathOf[place]!.slice(1)}`;
  if (kind === 'api' || kind === 'bookmark') {
    viewed(place, kind === 'api');
    await viaWorker(pathOfFormat(place, kind === 'api'), kind === 'api' ? null : cookie);
    return;
  }
  const first = kind === 'first';
  const entry = await viaWorker('/', first ? null : cookie, first ? cfOf(place) : undefined);
  const kept = readPlaceCookie(entry.headers.get('set-cookie')) ?? readPlaceCookie(cookie);
  const landing = placeOf(entry.headers.get('location'));
  if (landing === undefined) return;
  viewed(landing, false);
  await viaWorker(pathOf[landing]!, kept ? `place=${kept}` : null);
}

type Kind = 'first' | 'return' | 'bookmark' | 'api';
const random = seededRandom(SEED);
const zipf = createZipf(places.length, ZIPF_S);
let visitors = 0;
let simulated = 0;
async function visit() {
  const u = random();
  const kind: Kind =
    u < FIRST_VISITS
      ? 'first'
      : u < FIRST_VISITS + BOOKMARKS
        ? 'bookmark'
        : u < FIRST_VISITS + BOOKMARKS + API
          ? 'api'
          : 'return';
  const place = zipf.rank(random());
  weight = weightOf[place]!;
  if (weight === 0) return;
  visitors += weight;
  if (++simulated % FULL_EVERY === 0) return visitViaWorker(kind, place);
  if (kind === 'api' || kind === 'bookmark') return get(place, kind === 'api');
  const landing = kind === 'first' ? await firstVisitFast(place) : await returnFast(place);
  if (landing !== undefined) await get(landing, false);
}

// The day, second by second, after an uncounted warm-up hour (the cache is never cold at midnight).
let carry = 0;
for (let second = -HOUR_S; second < DAY_S; second++) {
  if (second === 0) {
    tally = newTally();
    visitors = 0;
    simulated = 0;
    htmlViews.fill(0);
    jsonViews.fill(0);
  }
  const phase = (2 * Math.PI * (second / HOUR_S - PEAK_HOUR)) / 24;
  carry += (VISITORS / DAY_S) * (1 + SWING * Math.cos(phase));
  const arriving = Math.floor(carry);
  carry -= arriving;
  for (let j = 0; j < arriving; j++) {
    now = DAY_START + second * 1000 + Math.floor((j * 1000) / arriving);
    await visit();
  }
}
const wallSeconds = (performance.now() - started) / 1000;

// Figures.
let placesViewed = 0;
let weatherKeys = 0;
let demandBound = 0;
for (let p = 0; p < places.length; p++) {
  const h = htmlViews[p]!;
  const j = jsonViews[p]!;
  const w = weightOf[p]!;
  if (h + j > 0) placesViewed += w;
  for (const views of [h, j]) {
    if (views > 0) weatherKeys += w;
    demandBound += w * Math.min(views, UPDATES_PER_DAY);
  }
}
const t = tally;
const looked = Object.values(t.lookups).reduce((a, b) => a + b, 0);
const fromCopy = t.lookups.hit! + t.lookups.stale!;
const waited = t.lookups.miss! + t.lookups.revalidated! + t.lookups.failed! + t.bypass;
const queries = t.queries.weather + t.queries.catalog;
const bound = placesViewed * UPDATES_PER_DAY;
const n = (x: number) => Math.round(x).toLocaleString('en-US');
const pct = (x: number) => `${(100 * x).toFixed(2)} %`;
const rows: [string, string][] = [
  ['visitors', n(visitors)],
  ['  first visits (no cookie: / -> geo 302)', pct(FIRST_VISITS)],
  ['  returning, / with the cookie -> 302', pct(1 - FIRST_VISITS - BOOKMARKS - API)],
  ['  returning, straight to the place page', pct(BOOKMARKS)],
  ['  programs, {place}.json', pct(API)],
  ['edge requests', n(t.edgeRequests)],
  ['  302 from / answered at the edge', n(t.redirects)],
  ['edge cache lookups (pages, documents, nearest)', n(looked)],
  ['  hit / stale / miss / revalidated / failed', Object.values(t.lookups).map(n).join(' / ')],
  ['edge hit ratio (hit+stale / lookups)', pct(fromCopy / looked)],
  ['edge requests that waited for the origin', pct(waited / t.edgeRequests)],
  ['origin requests', n(t.originRequests)],
  ['  of which 304', n(t.origin304)],
  ['  origin micro-cache hits', n(t.microHits)],
  ['origin (db) queries, weather', n(t.queries.weather)],
  ['origin (db) queries, catalogue (nearest)', n(t.queries.catalog)],
  ['distinct places viewed', `${n(placesViewed)} of ${n(places.length)}`],
  ['distinct weather URIs (html, json)', n(weatherKeys)],
  ['updates per place per day', n(UPDATES_PER_DAY)],
  ['bound = places viewed x updates/day', n(bound)],
  ['weather queries / bound', (t.queries.weather / bound).toFixed(3)],
  ['all queries / bound', (queries / bound).toFixed(3)],
  ['  URIs viewed x updates/day', n(weatherKeys * UPDATES_PER_DAY)],
  ['  sum over URIs of min(views, updates/day)', n(demandBound)],
  ['visitors simulated (the rest: weighted sample)', n(simulated)],
  ['  of which through the whole worker', n(Math.floor(simulated / FULL_EVERY))],
  ['skipped hits checked with lookup() / mismatches', `${n(verified)} / ${n(mismatched)}`],
  ['edge log lines (errors)', n(errors)],
  ['wall time', `${wallSeconds.toFixed(1)} s`],
];
console.log(
  `origin offload: one simulated day, Zipf s=${ZIPF_S} over ${n(places.length)} places, ` +
    `hourly updates (${UPDATES === 'hour' ? 'top of the hour' : 'a minute of its own per place'}), ` +
    `diurnal arrivals (peak ${PEAK_HOUR}:00 UTC, trough 1/3 of it), one edge cache; ` +
    `simulated: the ${n(HEAD)} most popular places' cells and 1 in ${SAMPLE} of the others`,
);
const width = Math.max(...rows.map(([label]) => label.length));
for (const [label, value] of rows) console.log(`  ${label.padEnd(width)}  ${value.padStart(18)}`);

/** The one-cache row of the summary: this replay's day through the edge's own code. */
export const replayed: SetupFigures = {
  setup: 'one cache, edge code (html+json, updates on time, no purges)',
  lookups: looked,
  fromCopy,
  originRequests: t.originRequests,
  originBySecond,
  placesViewed,
  bound,
};
