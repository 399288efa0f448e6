// Origin offload: how many requests reach the origin in a simulated day of 10 million visitors,
// against the design's bound (places viewed x updates per day). Figures, nothing asserted.
//
// One model (bench/support/offload/model.ts), fast enough for every place and every data centre
// (~7 s a set-up): the caches' logic in tiers.ts (tested in test/bench/), the origin's lifetimes
// from the contract's own freshness rules, the update times from the scheduler's own jitter and
// backoff. Its first row has the workload of the earlier one-cache bench, which replayed the
// worker's own cache code (gone with it; the model agreed with it within half a percent:
// 83.7 % and 2,247,116 origin requests against 83.8 % and 2,241,259).
//
// The many-data-centre model's assumptions (each a BENCH_* variable where noted):
//   - Visitors: as in the earlier bench. Zipf s=1 over the 135,233 places by population (BENCH_ZIPF_S);
//     20 % first visits (`/` without the cookie: the nearest-place answer, then the page), 60 %
//     returning through `/` with the cookie (a 302 from the cookie alone), 10 % bookmarks, 10 %
//     programs; one diurnal curve (peak 19:00 UTC, trough a third of it); a warm-up hour.
//   - Representations, each its own cache key (workload.ts): people's visits read the page
//     (5 % in the other unit system, `?units=`), 15 % also today's day page, 5 % yesterday's
//     (complete: immutable, never purged); programs read the JSON 70 %, the JSON in the other
//     units 10 %, the text 15 %, today's day JSON 5 %. Shares assumed, not measured.
//   - Codings: one copy per URL, as the worker keys its cache (cacheKey() reads no header) and
//     Cloudflare compresses on the way out; the "a copy per content coding" row splits every key
//     in three (br, gzip, identity: browsers 80/20/0 %, programs 0/50/50 %).
//   - Data centres (sites.ts): BENCH_DATA_CENTRES=300 sites, the most populous places at least
//     BENCH_SITE_SPACING_KM=100 km apart; each place belongs to its nearest site, and a site's
//     traffic is the visits of its places (population-weighted: the largest, Shanghai's, 8 %;
//     41 sites carry half). A first visit is at its place's site; any other visit there with
//     BENCH_LOCAL=0.75, else at a site drawn by traffic (travellers, programs far away). All of a
//     visit's requests go to one site.
//   - Caches: each data centre keeps every copy for the day (no eviction). Without a tier they are
//     the worker's Cache API caches (stale-while-revalidate served by the worker). The upper tier
//     is Cloudflare's tiered cache, which the worker can reach only through fetch() with `cf`
//     options (cache.put does not work with tiered caching): its lower tier is then the CDN's own
//     cache, and neither tier serves stale, since the origin's `s-maxage` implies
//     proxy-revalidate. The origin answers at once (perfect coalescing) from its micro-cache
//     while fresh (unbounded here; the real one holds 64 MiB).
//   - Updates (updates.ts): hourly per place (OPEN_METEO_REFRESH_MINUTES' default), the origin
//     promising the next an hour after each lands; the scheduler asks at that promise plus up to
//     5 minutes of jitter (DEFAULT_TIMING), a provider request fails with BENCH_PROVIDER_FAILURES
//     =0.02 and is retried after its backoff. Between the promise and the update the origin's
//     answers live the overdue retry's 60 s.
//   - Purges: each update purges its place's representations (today's day pages included) from
//     every cache, upper tier and micro-cache included, the moment it lands. Nothing else is
//     purged (no country tags, no rankings: nobody reads the rankings here). The worker's own
//     purge (cache.delete) reaches only the data centre that takes the request, and Cloudflare's
//     purges do not reach Cache API entries: the "purges reach no data centre" row is that case.
//   - The bound: each viewed place's updates landing that day, summed (about 23 a place with
//     lateness; the earlier bench counted 24).
//
// Reading the figures: with the upper tier the origin sees what one cache sees (the two rows are
// equal request for request), so the tier undoes the data centres' multiplication entirely. The
// bound counts places, the origin keys: each representation of a place viewed between two
// updates costs a request, and a late update one more (a 304, its lifetime having ended at the
// promise). The total stays under the bound only because most places are viewed fewer times a
// day than they update; the most popular exceed theirs many times over (the popularity table).
// Peaks are per second of the simulated day.
//
// Usage: npm run bench:offload (BENCH_VISITORS, BENCH_SEED and the variables above change the run).
import { loadCatalogue } from './support/offload/catalogue.ts';
import {
  groupsOf,
  type ModelFigures,
  type ModelOptions,
  runModel,
} from './support/offload/model.ts';
import {
  count,
  peaks,
  percent,
  printOrigins,
  printSetups,
  type SetupFigures,
} from './support/offload/report.ts';
import { chooseSites, concentration } from './support/offload/sites.ts';
import { FULL_WORKLOAD, REPLAY_WORKLOAD, REPRESENTATIONS } from './support/offload/workload.ts';
import { createZipf } from './support/zipf.ts';

const started = performance.now();
const VISITORS = Number(process.env.BENCH_VISITORS ?? 10_000_000);
const ZIPF_S = Number(process.env.BENCH_ZIPF_S ?? 1);
const SEED = Number(process.env.BENCH_SEED ?? 1);
const DATA_CENTRES = Number(process.env.BENCH_DATA_CENTRES ?? 300);
const SPACING_KM = Number(process.env.BENCH_SITE_SPACING_KM ?? 100);
const LOCAL = Number(process.env.BENCH_LOCAL ?? 0.75);
const FAILURES = Number(process.env.BENCH_PROVIDER_FAILURES ?? 0.02);
// The earlier bench's visit mix (pages and JSON), read from the same variables.
const MIX = {
  firstVisits: Number(process.env.BENCH_FIRST_VISITS ?? 0.2),
  bookmarks: Number(process.env.BENCH_BOOKMARKS ?? 0.1),
  programs: Number(process.env.BENCH_API ?? 0.1),
};
const replayWorkload = { ...REPLAY_WORKLOAD, ...MIX };
const fullWorkload = { ...FULL_WORKLOAD, ...MIX };

const setups: SetupFigures[] = [];

const catalogue = loadCatalogue();
const groups = groupsOf(catalogue);
const zipf = createZipf(catalogue.places.length, ZIPF_S);
const shareOf = (place: number) => zipf.share(place);
const oneCache = chooseSites(catalogue.places, 1, SPACING_KM, shareOf);
const sites = chooseSites(catalogue.places, DATA_CENTRES, SPACING_KM, shareOf);
const n = sites.places.length;

const worker: ModelOptions = {
  setup: '',
  visitors: VISITORS,
  zipfS: ZIPF_S,
  seed: SEED,
  sites,
  local: LOCAL,
  upperTier: false,
  staleAtDataCentres: true,
  purges: true,
  workload: fullWorkload,
  updates: { late: true, failures: FAILURES },
};
const tiered: ModelOptions = { ...worker, upperTier: true, staleAtDataCentres: false };
const model = (setup: string, base: ModelOptions, change: Partial<ModelOptions> = {}) =>
  runModel(catalogue, groups, { ...base, setup, ...change });

const onTime = { updates: { late: false, failures: 0 } };
const asReplay = { ...onTime, sites: oneCache, workload: replayWorkload, purges: false };
const upper = model(`${n} data centres + upper tier`, tiered);
const modelled: ModelFigures[] = [
  model('one cache, pages and JSON, updates on time', worker, asReplay),
  model('one cache, model', worker, { sites: oneCache }),
  model(`${n} data centres`, worker),
  upper,
];
const variants: ModelFigures[] = [
  model('+ upper tier, pages and JSON only', tiered, { workload: replayWorkload }),
  model('+ upper tier, a copy per content coding', tiered, {
    workload: { ...fullWorkload, codingsSplit: true },
  }),
  model('no tier, purges reach no data centre', worker, { purges: false }),
];

console.log(
  `\norigin offload: one simulated day, ${count(VISITORS)} visitors, Zipf s=${ZIPF_S} over ` +
    `${count(catalogue.places.length)} places; the model: ${n} data centres ` +
    `(largest ${percent(concentration(sites).largest)} of the visits, half at ` +
    `${concentration(sites).half}), ${percent(LOCAL)} of later visits at the nearest, ` +
    `every representation, late updates, purges everywhere (bench/offload.ts says more)`,
);
printSetups([...setups, ...modelled]);
console.log(`\nwhat moves the ${n}-data-centre figures (one assumption changed each):`);
printSetups(variants);
const unpurged = variants.at(-1)!;
console.log(
  `  (${unpurged.setup}: ${count(unpurged.outdated)} answers, ` +
    `${percent(unpurged.outdated / unpurged.lookups)}, showed data older than the origin's, ` +
    `${(unpurged.outdatedSeconds / unpurged.outdated).toFixed(0)} s after its update on average; ` +
    `with purges everywhere, none: they land at once here)`,
);
console.log(`\nwhere the origin requests of "${upper.setup}" come from:`);
printOrigins(upper, REPRESENTATIONS);
const noTier = modelled[2]!;
console.log(
  `  origin renders (its micro-cache's loads, the cache unbounded): ` +
    `${count(noTier.renders)} without the tier, ${count(upper.renders)} with it`,
);
const updates = upper.updatesBySecond.reduce((a, b) => a + b, 0);
console.log(
  `\nupdates landing (each a purge of its place everywhere): ${count(updates)} a day, ` +
    `${(updates / upper.updatesBySecond.length).toFixed(1)}/s on average, ` +
    `${count(peaks(upper.updatesBySecond).second)} in the busiest second`,
);
const modelSeconds = [...modelled, ...variants].map((m) => m.wallSeconds);
console.log(
  `wall time: ${((performance.now() - started) / 1000).toFixed(0)} s (model set-ups ` +
    `${Math.min(...modelSeconds).toFixed(1)}–${Math.max(...modelSeconds).toFixed(1)} s each)`,
);
