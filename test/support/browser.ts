import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

/** Debian's Chromium; playwright never downloads a browser here. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const HAVE_CHROMIUM = existsSync(CHROMIUM);
if (!HAVE_CHROMIUM && process.env.ISOBAR_REQUIRE_BROWSER === '1') {
  throw new Error(
    `ISOBAR_REQUIRE_BROWSER=1 but there is no Chromium at ${CHROMIUM} (apt-get install chromium)`,
  );
}
if (!HAVE_CHROMIUM)
  console.warn(
    `[isobar tests] no Chromium at ${CHROMIUM}: browser tests are skipped (apt-get install chromium)`,
  );

// No background traffic: this machine has no network but loopback.
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A browser profile on disk, so cookies outlive a browser restart as they would for a person. */
export function createProfile() {
  const dir = mkdtempSync(join(tmpdir(), 'isobar-chromium-'));
  return {
    dir,
    launch: (extraHTTPHeaders: Record<string, string> = {}): Promise<BrowserContext> =>
      chromium.launchPersistentContext(dir, {
        executablePath: CHROMIUM,
        args: ARGS,
        headless: true,
        extraHTTPHeaders,
      }),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A throwaway browser without a profile, for tests that open several viewports in one launch. */
export const launchBrowser = (): Promise<Browser> =>
  chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });

/** One throwaway browser for a describe block: launched before its tests, closed after them. */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  }, 60_000);
  afterAll(() => browser?.close());
  return () => browser!;
}
