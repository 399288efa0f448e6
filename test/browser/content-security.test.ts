import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { HAVE_CHROMIUM, useBrowser } from '../support/browser.ts';
import { writeDashboardHistory } from '../support/dashboard-data.ts';
import { drivers } from '../support/databases.ts';
import { useServedOrigin } from '../support/fixture.ts';

const DASHBOARD_PLACE = '/dashboard/GB/London?from=2026-10-20&to=2026-11-10';

/** Every kind of page a person opens, each with what it does once loaded. */
const PAGES: [string, (page: Page) => Promise<void>][] = [
  ['/', async () => {}],
  ['/GB/London', async () => {}],
  ['/GB/London/2026-11-20', async () => {}],
  ['/search?q=lon', async () => {}],
  ['/?place=FR/Paris', async () => {}],
  ['/GB/Atlantis', async () => {}],
  ['/api', async () => {}],
  ['/dashboard', async () => {}],
  [
    DASHBOARD_PLACE,
    // Its script draws the charts, then reads the API again for another period.
    async (page) => {
      await page.locator('#daily-chart canvas').waitFor();
      await page.fill('input[name=from]', '2026-11-01');
      await page.fill('input[name=to]', '2026-11-05');
      await page.click('#period-form button');
      await page.locator('#daily-table caption', { hasText: '2026-11-01 to 2026-11-05' }).waitFor();
    },
  ],
  [
    '/dashboard/compare?from=2026-10-20&places=GB%2FLondon%2CFR%2FParis&to=2026-11-10',
    async (page) => {
      await page.locator('canvas').first().waitFor();
    },
  ],
  ['/dashboard/operations', async () => {}],
];

// Every violation the page reports, collected from its first script on (playwright's init
// scripts run outside the page's policy).
const LISTEN = `window.__violations = [];
document.addEventListener('securitypolicyviolation', (e) =>
  window.__violations.push(e.effectiveDirective + ' ' + (e.blockedURI || 'inline') + ' at ' + e.documentURI));`;

describe.skipIf(!HAVE_CHROMIUM)('content security policy in a real Chromium', () => {
  const served = useServedOrigin(drivers[0]!, {}, (o) => writeDashboardHistory(o.app, o.t.db));
  const browser = useBrowser();

  /** Opens a page, runs `act`, and gives what the browser reported against the policy. */
  async function visit(path: string, act: (page: Page) => Promise<void>) {
    const context = await browser().newContext();
    try {
      await context.addInitScript(LISTEN);
      const page = await context.newPage();
      const console: string[] = [];
      page.on('console', (m) => {
        if (/Content.Security.Policy|Refused to/i.test(m.text())) console.push(m.text());
      });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      const response = await page.goto(`${served.base}${path}`, { waitUntil: 'load' });
      await act(page);
      const violations = (await page.evaluate('window.__violations')) as string[];
      return { page, response, violations, console, errors, close: () => context.close() };
    } catch (error) {
      await context.close();
      throw error;
    }
  }

  it.each(PAGES)('%s: the page works under its policy, with no violation', async (path, act) => {
    const seen = await visit(path, act);
    try {
      // The policy was there to be broken: frames refused, inline code blocked.
      const policy = (await seen.response!.allHeaders())['content-security-policy'];
      expect(policy).toContain("frame-ancestors 'none'");
      expect(seen.violations).toEqual([]);
      expect(seen.console).toEqual([]);
      expect(seen.errors).toEqual([]);
    } finally {
      await seen.close();
    }
  });

  it('reports what the policy blocks, so that none above means none happened', async () => {
    const seen = await visit('/GB/London', async (page) => {
      await page.evaluate(`new Promise((done) => {
        document.addEventListener('securitypolicyviolation', () => setTimeout(done, 50));
        const style = document.createElement('style');
        style.textContent = 'body{color:red}';
        document.head.append(style);
      })`);
    });
    try {
      expect(seen.violations).toEqual([expect.stringMatching(/^style-src-elem inline at /)]);
    } finally {
      await seen.close();
    }
  });
});
