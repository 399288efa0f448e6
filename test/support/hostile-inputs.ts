import fc from 'fast-check';
import { expect } from 'vitest';

/** Pieces of real URIs and of attacks on them, so random paths often reach real routes. */
const SEGMENTS = [
  'GB',
  'gb',
  'UK',
  'London',
  'london',
  'London.json',
  'London.txt',
  'Munchen',
  'M%C3%BCnchen',
  '2026-11-22',
  '2026-11-22.json',
  '2026-13-45',
  'v1',
  'locations',
  'nearest',
  'history',
  'openapi.json',
  'search',
  'healthz',
  'metrics',
  'dashboard',
  '_edge',
  'purge',
  'observations',
  '@51.5,-0.12',
  '@91,181',
  '@nan,1e999',
  '..',
  '.',
  '',
  '%2F',
  '%2f%2fevil.example',
  '%5C',
  '\\',
  '%0D%0ASet-Cookie:%20x=1',
  '%00',
  '%C0%AF',
  '%',
  'evil.example',
  'https:',
];

const QUERY_KEYS = [
  'q',
  'limit',
  'country',
  'lat',
  'lon',
  'units',
  'from',
  'to',
  'place',
  'utm_source',
  'fbclid',
  'page',
];

const QUERY_VALUES = [
  'lon',
  'KRA',
  '10',
  '03',
  '-1',
  '1e3',
  'gb',
  'GB/London',
  '//evil.example',
  '/\\evil.example',
  'https://evil.example/',
  '%0d%0aLocation:%20//evil.example',
  '%E2%80%AE',
  '51.5',
  'imperial',
  '2026-11-01',
];

/** Text anywhere in Unicode, including lone surrogates and controls. */
const anyText = fc.string({ unit: 'binary', maxLength: 12 });

const segment = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...SEGMENTS) },
  {
    weight: 1,
    arbitrary: anyText.map((t) => encodeURIComponent(t.replace(/[\uD800-\uDFFF]/g, ''))),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 10 }) },
);

const queryPart = fc.tuple(
  fc.oneof(fc.constantFrom(...QUERY_KEYS), fc.string({ maxLength: 6 })),
  fc.oneof(fc.constantFrom(...QUERY_VALUES), fc.string({ maxLength: 12 })),
);

/** A path and query as a client could send it: often near real routes, never well formed. */
export const hostileTarget = fc
  .tuple(
    fc.array(segment, { minLength: 0, maxLength: 5 }),
    fc.boolean(),
    fc.array(queryPart, { maxLength: 4 }),
  )
  .map(([segments, trailing, query]) => {
    const path = `/${segments.join('/')}${trailing ? '/' : ''}`;
    const search = query.map(([k, v]) => `${k}=${v}`).join('&');
    return search ? `${path}?${search}` : path;
  });

/** A header value a client could send (the fetch API refuses CR, LF and NUL itself). */
const headerValue = fc.oneof(
  fc.constantFrom(
    'place=GB/London',
    'place=//evil.example',
    'place=GB/London%0D%0ASet-Cookie:%20x=1',
    'place=gb/london; place=FR/Paris',
    'Bearer isobar_0000',
    'Bearer ',
    'Basic Zm9vOmJhcg==',
    '*',
    'W/"x", "y"',
    'Sat, 01 Jan 2000 00:00:00 GMT',
    '999999999999999999',
    'gzip, br;q=0, *;q=abc',
    '10.9.9.9, 81.2.69.142',
    'https',
  ),
  fc.string({ maxLength: 40 }).map((s) => s.replace(/[\r\n\0]/g, ' ')),
);

const HEADER_NAMES = [
  'cookie',
  'authorization',
  'accept',
  'accept-encoding',
  'if-none-match',
  'if-modified-since',
  'x-forwarded-for',
  'x-forwarded-proto',
  'x-forwarded-host',
  'range',
  'origin',
  'content-type',
];

/** A few request headers, each maybe hostile. */
export const hostileHeaders = fc
  .array(fc.tuple(fc.constantFrom(...HEADER_NAMES), headerValue), { maxLength: 5 })
  .map((pairs) => {
    const headers = new Headers();
    for (const [name, value] of pairs) {
      try {
        headers.set(name, value);
      } catch {
        // A value the fetch API refuses never reaches a server built on it.
      }
    }
    return headers;
  });

/** A cookie and an Authorization header, for checking a shared answer ignores both. */
export const credentials = fc.record({
  cookie: headerValue,
  authorization: headerValue,
});

/** Methods, including ones no route knows and some in the wrong case. */
export const hostileMethod = fc.constantFrom(
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
  'OPTIONS',
  'PROPFIND',
  'FOO',
  'get',
);

/** A request body: bytes, text, near-JSON, or big. */
export const hostileBody = fc.oneof(
  fc.uint8Array({ maxLength: 256 }),
  fc.string({ maxLength: 200 }),
  fc.json({ maxDepth: 3 }),
  fc.constantFrom(
    '{"observations":[{"place":"GB/London","time":"2026-11-22T10:00:00Z","temperature_c":1e999}]}',
    '{"observations":[',
    '[]',
    'null',
    '{"__proto__":{"polluted":1}}',
    `{"observations":[${'{},'.repeat(2000)}{}]}`,
    'place,time\nGB/London,not-a-time\n',
  ),
);

/** A URL for a target, or null when the URL parser itself refuses it (no server sees those). */
export function urlFor(target: string): string | null {
  try {
    return new URL(`https://isobar.test${target}`).href;
  } catch {
    return null;
  }
}

/** The checks every answer to any input must pass. */
export function expectSafeAnswer(res: Response, what: string): void {
  expect(res.status, `${what} → ${res.status}`).toBeLessThan(500);
  res.headers.forEach((value, name) => {
    expect(value, `${what}: header ${name}`).not.toMatch(/[\r\n\0]/);
  });
  const location = res.headers.get('location');
  if (location !== null) expect(location, `${what}: Location ${location}`).toMatch(/^\/(?![/\\])/);
}

/** Whether an answer may be stored by shared caches. */
export const isPublic = (res: Response) =>
  /(^|,)\s*public\b/.test(res.headers.get('cache-control') ?? '');

/** Runs a property, printing how many cases it tried (fast-check's numRuns). */
export async function runProperty<T>(
  label: string,
  arbitrary: fc.Arbitrary<T>,
  numRuns: number,
  check: (value: T) => Promise<void>,
): Promise<number> {
  let runs = 0;
  await fc.assert(
    fc.asyncProperty(arbitrary, async (value) => {
      runs++;
      await check(value);
    }),
    { numRuns },
  );
  console.log(`[hostile] ${label}: ${runs} cases`);
  return runs;
}
