import { createHash } from 'node:crypto';
import { PROBLEM_PAGE_STYLE } from '../contract/protocol/problem-page.ts';
import { PAGE_STYLE } from './pages/layout.ts';
import { CHART_STYLE } from './place/chart/chart-style.ts';
import { WIDGET_STYLE } from './place/widget-html.ts';
import { REFERENCE_STYLE } from './reference/reference-style.ts';
import { SEARCH_BOX_STYLE } from './search/search-box.ts';
import { SEARCH_STYLE } from './search/search-style.ts';

/**
 * Every `<style>` element the origin's pages carry, exactly as written inside it. The pages'
 * Content-Security-Policy allows each one by its hash, so a style added to a page must be listed
 * here (test/http/security-headers.test.ts fails on any page whose styles are not allowed).
 */
const INLINE_STYLES = [
  PAGE_STYLE,
  SEARCH_BOX_STYLE,
  SEARCH_STYLE,
  REFERENCE_STYLE,
  CHART_STYLE,
  PROBLEM_PAGE_STYLE,
  WIDGET_STYLE,
];

/** The `sha256-…` CSP sources of the inline styles. */
export const INLINE_STYLE_HASHES: readonly string[] = INLINE_STYLES.map(
  (css) => `sha256-${createHash('sha256').update(css).digest('base64')}`,
);
