import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

// Shared by the server's pages and the browser's script (free of Node's APIs).

/**
 * A table in a box that scrolls when the table is wider (or, for long series, taller) than the
 * page. The box takes the keyboard focus and is a region named like its table: without that, a
 * keyboard user cannot scroll it (axe's scrollable-region-focusable), and a screen reader would
 * announce an unnamed focus stop.
 */
export const scrollBox = (label: string, table: HtmlEscapedString | Promise<HtmlEscapedString>) =>
  html`<div class="scroll" tabindex="0" role="region" aria-label="${label}">${table}</div>`;
