import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SEARCH_LIMITS } from '../../src/domain/search-terms.ts';
import { drivers } from '../support/databases.ts';
import { useTestOrigin } from '../support/fixture.ts';
import { runProperty } from '../support/hostile-inputs.ts';

const RUNS = 40;
// The API asked for its most results (the probe's limit=50), and the page for people.
const SEARCHES = ['/v1/locations?limit=50&', '/search?'];

const word = fc.string({ unit: fc.constantFrom(...'abcs0'.split('')), minLength: 1, maxLength: 3 });
/** Many short words: each word boundary is one more way to read a place and a region. */
const manyWords = fc.array(word, { minLength: SEARCH_LIMITS.words + 1, maxLength: 60 });
/** Characters that fold to several letters each (`㎉` → `kcal`), one word: short as typed, long folded. */
const longWords = fc.string({
  unit: fc.constantFrom('㎉', '㎈', '㏒', '㍱', 'ǆ', '㎞'),
  minLength: 40,
  maxLength: 100,
});
const sep = fc.constantFrom(' ', '+', '-', '  ', ',');

describe.each(drivers)('search cost ceiling on $name', (driver) => {
  const origin = useTestOrigin(driver);
  const searches = () => origin().counter('isobar_db_queries_total', { query: 'location_search' });

  /** Asks `q` at every search URI; each answer must be a 400 naming `limit`, with no search run. */
  async function expectRefused(q: string, limit: RegExp) {
    const before = await searches();
    for (const path of SEARCHES) {
      const res = await origin().get(`${path}${new URLSearchParams({ q })}`);
      expect(res.status, `${path} ${q}`).toBe(400);
      if (path.startsWith('/v1/')) {
        expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        const problem = (await res.json()) as { detail: string };
        expect(problem).toMatchObject({ code: 'invalid-request', parameter: 'q' });
        expect(problem.detail).toMatch(limit);
      } else {
        expect(await res.text()).toMatch(limit);
      }
    }
    expect(await searches()).toBe(before);
  }

  it.skipIf(driver.skip)(
    'refuses the 41 one-letter words of the probe, naming the limit',
    async () => {
      await expectRefused(
        Array.from({ length: 41 }, () => 'a').join(' '),
        new RegExp(`41 words; a search takes at most ${SEARCH_LIMITS.words}`),
      );
    },
  );

  it.skipIf(driver.skip)('refuses any search of too many short words', async () => {
    const input = fc.tuple(manyWords, sep);
    const runs = await runProperty(`many words (${driver.name})`, input, RUNS, ([words, s]) =>
      // Past 100 characters typed, the raw length is the limit named first.
      expectRefused(
        words.join(s),
        new RegExp(
          `words; a search takes at most ${SEARCH_LIMITS.words}|longer than 100 characters`,
        ),
      ),
    );
    expect(runs).toBe(RUNS);
  });

  it.skipIf(driver.skip)('refuses a query that folds past the length limit', async () => {
    const input = longWords.filter((q) => q.normalize('NFKD').length > SEARCH_LIMITS.characters);
    const runs = await runProperty(`long words (${driver.name})`, input, RUNS, (q) =>
      expectRefused(q, /folds to \d+ characters; a search takes at most/),
    );
    expect(runs).toBe(RUNS);
  });

  it.skipIf(driver.skip)('answers searches at the limit, one query a canonical URI', async () => {
    const atLimit = fc.array(word, { minLength: 1, maxLength: SEARCH_LIMITS.words });
    const runs = await runProperty(
      `words at the limit (${driver.name})`,
      atLimit,
      RUNS,
      async (w) => {
        const first = await origin().get(
          `/v1/locations?${new URLSearchParams({ q: w.join(' ') })}`,
        );
        const target = first.headers.get('location') ?? `/v1/locations?q=${w.join('+')}`;
        expect([200, 301]).toContain(first.status);
        const before = await searches();
        await Promise.all([origin().get(target), origin().get(target)]);
        expect((await origin().get(target)).status).toBe(200);
        // Cached or coalesced after the first: a variation costs at most one search, never more.
        expect((await searches()) - before).toBeLessThanOrEqual(1);
      },
    );
    expect(runs).toBe(RUNS);
  });
});
