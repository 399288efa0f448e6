import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

/** Where test runs leave screenshots for people to review (gitignored). */
export const SCREENSHOT_DIR = join(process.cwd(), 'test-results', 'screenshots');

/** Saves a full-page screenshot as `test-results/screenshots/{name}.png`; returns its path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
