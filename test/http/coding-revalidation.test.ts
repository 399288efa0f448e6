import { beforeAll, describe, expect, it } from 'vitest';
import { drivers } from '../support/databases.ts';
import { writeObservedDay } from '../support/day-data.ts';
import { useTestOrigin } from '../support/fixture.ts';
import { placeRepresentations } from '../support/representations.ts';

// Every cacheable representation of a place, and a few of the catalog and the site's own.
const URIS = [
  ...placeRepresentations('GB/London', 'FR/Paris', '2026-11-22', '2026-11-20'),
  '/v1/locations?q=lon',
  '/v1/nearest?lat=51.51&lon=-0.13',
  '/v1/openapi.json',
  '/api',
  '/robots.txt',
];
const CODINGS = { identity: null, gzip: 'gzip', br: 'br' } as const;
type Coding = keyof typeof CODINGS;
const accept = (coding: Coding): Record<string, string> =>
  CODINGS[coding] ? { 'accept-encoding': CODINGS[coding] } : {};

// Once with the micro-cache (the quick path answers from its copy) and once without it (every
// request routed, but for the stored documents' own replay).
describe.each(drivers)('revalidation across content codings on $name', (driver) => {
  const cached = useTestOrigin(driver);
  const routed = useTestOrigin(driver, { cacheMaxBytes: 0 });

  // The fixture's today is 2026-11-22: a past day with data, for its pages and statistics.
  beforeAll(async () => {
    if (driver.skip) return;
    for (const o of [cached(), routed()]) await writeObservedDay(o.t.db, 'GB/London', '2026-11-20');
  });

  for (const [path, origin] of [
    ['quick', cached],
    ['routed', routed],
  ] as const) {
    it.skipIf(driver.skip)(
      `answers 304 to the tag of any coding, with the tag of its own (${path} path)`,
      async () => {
        const codings = Object.keys(CODINGS) as Coding[];
        for (const uri of URIS) {
          const tags = {} as Record<Coding, string>;
          for (const coding of codings) {
            const res = await origin().get(uri, accept(coding));
            expect(res.status, `${uri} ${coding}`).toBe(200);
            await res.arrayBuffer();
            tags[coding] = res.headers.get('etag')!;
            expect(tags[coding], `${uri} ${coding}`).toMatch(/^"/);
          }
          for (const from of codings) {
            for (const to of codings) {
              const res = await origin().get(uri, { ...accept(to), 'if-none-match': tags[from] });
              const what = `${uri}: tag of ${from}, asked in ${to}`;
              expect(res.status, what).toBe(304);
              expect(res.headers.get('etag'), what).toBe(tags[to]);
              expect(await res.text(), what).toBe('');
            }
          }
        }
      },
      120_000,
    );
  }
});
