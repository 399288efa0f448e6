import { createRequire } from 'node:module';
import type { Frame, Page } from 'playwright-core';

// axe-core's browser bundle, read once; evaluated in the page through the DevTools protocol,
// which the page's Content-Security-Policy (scripts from the same origin only) does not govern.
const AXE_SOURCE: string = createRequire(import.meta.url)('axe-core').source;

/** A violation axe finds, as a test reports it: the rule, its impact and where. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core on a page (or a frame) as it is now and returns its serious and critical
 * violations: what issue 26 asks to be none.
 */
export async function seriousViolations(page: Page | Frame): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  const found = (await page.evaluate(`axe.run(document, { resultTypes: ['violations'] }).then((r) =>
    r.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      targets: v.nodes.map((n) => String(n.target)),
    })))`)) as AxeViolation[];
  return found.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
