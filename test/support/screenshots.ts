import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT } from './run-isobar.ts';

/** Where browser tests leave their screenshots (gitignored), for a person to look at. */
export const SCREENSHOTS = join(ROOT, 'test-results', 'screenshots');

/**
 * The tallest screenshot taken, in CSS pixels. The API reference is 60,000 px tall at 1280 px
 * wide: a full-page shot of it is 77 M pixels and 7 MB of PNG, took 13 s on an idle machine and
 * over the 30 s action timeout in a loaded CI run, and shows nobody more than its first screens.
 */
const TALLEST = 5_000;

/**
 * Saves a screenshot of the whole page, or of its top {@link TALLEST} pixels where it is taller,
 * as `test-results/screenshots/{name}.png`; returns its path.
 */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name.replace(/[^A-Za-z0-9._-]+/g, '-')}.png`);
  const [width, height] = await page.evaluate<[number, number]>(
    '[document.documentElement.scrollWidth, document.documentElement.scrollHeight]',
  );
  const clip = height > TALLEST ? { x: 0, y: 0, width, height: TALLEST } : undefined;
  await page.screenshot({ path, fullPage: true, ...(clip && { clip }) });
  return path;
}
