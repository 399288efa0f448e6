import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT } from './run-isobar.ts';

/** Where browser tests leave their screenshots (gitignored), for a person to look at. */
export const SCREENSHOTS = join(ROOT, 'test-results', 'screenshots');

/** Saves a full-page screenshot as `test-results/screenshots/{name}.png`; returns its path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name.replace(/[^A-Za-z0-9._-]+/g, '-')}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
