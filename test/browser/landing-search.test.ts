import { createRequire } from 'node:module';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { HAVE_CHROMIUM, useBrowser } from '../support/browser.ts';
import { drivers } from '../support/databases.ts';
import { useServedOrigin } from '../support/fixture.ts';
import { REAL, realPlaces } from '../support/real-places.ts';
import { saveScreenshot } from '../support/screenshots.ts';

// axe-core's engine, run in the page by the test (not a script of the page: its policy allows
// none but the site's own).
const AXE = (createRequire(import.meta.url)('axe-core') as { source: string }).source;

/** Places on every inhabited continent; Brent is found by "lon" through "London Borough of Brent". */
const PLACES = realPlaces([
  REAL.london,
  2654789, // Brent
  REAL.paris,
  REAL.munich,
  REAL.saoPaulo,
  5128581, // New York City
  3435910, // Buenos Aires
  1850147, // Tokyo
  1275339, // Mumbai
  360630, // Cairo
  2332459, // Lagos
  184745, // Nairobi
  2147714, // Sydney
  2193733, // Auckland
]);

interface Seen {
  scrollWidth: number;
  innerWidth: number;
  /** Links and buttons of the header and main shorter than a finger: `text (height)`. */
  small: string[];
  broken: string[];
}

const MEASURE = `(() => ({
  scrollWidth: document.documentElement.scrollWidth,
  innerWidth: window.innerWidth,
  small: [...document.querySelectorAll('header a, header input, header button, main a, main button, main input')]
    .filter((e) => e.getClientRects().length > 0 && !e.closest('p, li:not(ul.results li, ul.tiles li, ul.suggestions li)'))
    .filter((e) => e.getBoundingClientRect().height < 44)
    .map((e) => (e.textContent || e.getAttribute('aria-label') || e.id).trim() + ' (' + e.getBoundingClientRect().height + ')'),
  broken: [...document.images].filter((i) => !(i.complete && i.naturalWidth > 0)).map((i) => i.src),
}))()`;

/** The serious and critical violations axe finds in the page as it stands. */
async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const found = (await page.evaluate(
    `axe.run(document).then((r) => r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).join(', ')))`,
  )) as string[];
  return found;
}

/** A page looked at as a person would: nothing sideways, nothing broken or too small, axe clean. */
async function expectUsable(page: Page, screenshot: string, scripts = true) {
  const seen = (await page.evaluate(MEASURE)) as Seen;
  expect(seen.scrollWidth).toBeLessThanOrEqual(seen.innerWidth);
  expect(seen.broken).toEqual([]);
  expect(seen.small).toEqual([]);
  // axe waits on timers, which a page without JavaScript never runs: the same markup is checked
  // with scripts on.
  if (scripts) expect(await axeViolations(page)).toEqual([]);
  await saveScreenshot(page, screenshot);
}

describe.skipIf(!HAVE_CHROMIUM)('the landing page and search in a real Chromium', () => {
  const served = useServedOrigin(drivers[0]!, () => ({ now: Date.now(), places: PLACES }));
  const browser = useBrowser();

  async function withPage(
    options: Parameters<ReturnType<typeof browser>['newContext']>[0],
    use: (page: Page, context: BrowserContext) => Promise<void>,
  ) {
    const context = await browser().newContext(options);
    try {
      await use(await context.newPage(), context);
    } finally {
      await context.close();
    }
  }

  it.each([
    [1280, true],
    [390, true],
    [390, false],
  ])(
    'lands a visitor nothing locates on the front door at %i px (JavaScript %s)',
    async (width, javaScriptEnabled) => {
      await withPage({ viewport: { width, height: 844 }, javaScriptEnabled }, async (page) => {
        await page.goto(`${served.base}/`);
        await page.waitForURL(`${served.base}/search`);
        await expect(
          page.getByRole('heading', { name: 'Weather for any place' }).isVisible(),
        ).resolves.toBe(true);
        // One search box, and "use my location" only where a script can ask the browser.
        await expect(page.getByRole('search').count()).resolves.toBe(1);
        await expect(
          page.getByRole('button', { name: 'Use my location' }).isVisible(),
        ).resolves.toBe(javaScriptEnabled);
        // Every part of the world, each with places and their temperature.
        for (const region of ['Europe', 'Americas', 'Asia', 'Africa', 'Oceania']) {
          const part = page.getByRole('region', { name: region });
          await expect(part.getByRole('listitem').count()).resolves.toBeGreaterThan(1);
        }
        await expect(
          page
            .getByRole('link', { name: /^London United Kingdom [A-Za-z ]+ -?\d+°C$/ })
            .isVisible(),
        ).resolves.toBe(true);
        await expectUsable(
          page,
          `landing-${width}${javaScriptEnabled ? '' : '-nojs'}`,
          javaScriptEnabled,
        );
        // The plain form searches.
        await page.getByLabel('Find a place by its name').fill('Lon');
        await page.getByRole('button', { name: 'Search' }).click();
        await page.waitForURL(`${served.base}/search?q=lon`);
        await expect(page.getByRole('link', { name: /^London\b/ }).count()).resolves.toBe(1);
      });
    },
    90_000,
  );

  it.each([1280, 390])(
    'shows results at %i px: the query kept, the other name that matched, big targets',
    async (width) => {
      await withPage({ viewport: { width, height: 844 } }, async (page) => {
        await page.goto(`${served.base}/GB/London`);
        await page.getByRole('searchbox', { name: 'Find a place' }).fill('lon');
        await page.getByRole('searchbox', { name: 'Find a place' }).press('Enter');
        await page.waitForURL(`${served.base}/search?q=lon`);
        await expect(
          page.getByRole('searchbox', { name: 'Find a place' }).inputValue(),
        ).resolves.toBe('lon');
        const brent = page.getByRole('link', { name: /^Brent\b/ });
        await expect(brent.textContent()).resolves.toContain(
          'also called “London Borough of Brent”',
        );
        await expectUsable(page, `search-lon-${width}`);
      });
    },
    60_000,
  );

  it.each([1280, 390])(
    'shows the landing page and results at %i px in dark mode: dark cards, readable',
    async (width) => {
      await withPage({ viewport: { width, height: 844 }, colorScheme: 'dark' }, async (page) => {
        // A string: the test's own code has no DOM types.
        const card = (selector: string) =>
          page.evaluate<string>(
            `getComputedStyle(document.querySelector('${selector}')).backgroundColor`,
          );
        await page.goto(`${served.base}/search`);
        expect(await card('ul.tiles a')).toBe('rgb(27, 35, 44)');
        await expectUsable(page, `landing-${width}-dark`);
        await page.goto(`${served.base}/search?q=lon`);
        expect(await card('ul.results a')).toBe('rgb(27, 35, 44)');
        await expectUsable(page, `search-lon-${width}-dark`);
      });
    },
    90_000,
  );

  it('sends an empty search from any page to the front door', async () => {
    await withPage({ viewport: { width: 390, height: 844 } }, async (page) => {
      await page.goto(`${served.base}/FR/Paris`);
      await page.getByRole('button', { name: 'Go' }).click();
      await page.waitForURL(`${served.base}/search`);
      await expect(
        page.getByRole('heading', { name: 'Weather for any place' }).isVisible(),
      ).resolves.toBe(true);
    });
  }, 60_000);

  it.each([1280, 390])(
    'suggests places while typing at %i px, reached by the keyboard',
    async (width) => {
      await withPage({ viewport: { width, height: 844 } }, async (page) => {
        await page.goto(`${served.base}/search`);
        const box = page.getByLabel('Find a place by its name');
        await box.pressSequentially('lon', { delay: 30 });
        const list = page.getByRole('list', { name: 'Suggested places' });
        await list.getByRole('link').first().waitFor();
        await expect(list.getByRole('link', { name: /^Brent\b/ }).textContent()).resolves.toContain(
          'also called “London Borough of Brent”',
        );
        await expectUsable(page, `landing-suggestions-${width}`);
        await box.press('ArrowDown');
        await expect(page.evaluate('document.activeElement.getAttribute("href")')).resolves.toBe(
          '/GB/London',
        );
        await page.keyboard.press('Enter');
        await page.waitForURL(`${served.base}/GB/London`);
        // In the header of any page too.
        await page
          .getByRole('searchbox', { name: 'Find a place' })
          .pressSequentially('munc', { delay: 30 });
        await page
          .getByRole('list', { name: 'Suggested places' })
          .getByRole('link', { name: /^Munich\b/ })
          .click();
        await page.waitForURL(`${served.base}/DE/Munich`);
      });
    },
    60_000,
  );

  it('goes to the place nearest the browser\'s position on "use my location"', async () => {
    await withPage(
      {
        viewport: { width: 390, height: 844 },
        permissions: ['geolocation'],
        geolocation: { latitude: 48.8566, longitude: 2.3522 },
      },
      async (page) => {
        await page.goto(`${served.base}/search`);
        await page.getByRole('button', { name: 'Use my location' }).click();
        await page.waitForURL(`${served.base}/FR/Paris`);
      },
    );
  }, 60_000);

  it('says so when the browser will not tell where it is', async () => {
    await withPage({ viewport: { width: 390, height: 844 }, permissions: [] }, async (page) => {
      await page.goto(`${served.base}/search`);
      await page.getByRole('button', { name: 'Use my location' }).click();
      await page.getByText('Your browser did not say where you are').waitFor();
      expect(new URL(page.url()).pathname).toBe('/search');
    });
  }, 60_000);
});
