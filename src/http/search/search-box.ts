import { html } from 'hono/html';
import { ROUTES } from '../../contract/uris/uri-space.ts';
import { assetTable, SEARCH_SCRIPT } from '../site/asset-table.ts';

/**
 * The search box every page carries in its header, and what makes it more than a form: its
 * style (a finger-sized box and button, the suggestions list) and the script that suggests
 * places as one types. Without the script it is a plain GET form to /search.
 */

/** The header box's style, on every page after the site's (allowed by its hash: inline-styles.ts). */
export const SEARCH_BOX_STYLE = `
header>a{display:inline-flex;align-items:center;min-height:44px}
header form.search{display:flex;gap:.3rem}
header form.search input[type=search],header form.search button{min-height:44px;font:inherit}
header form.search button{min-width:44px;padding:0 .8rem}
.suggest{position:relative}
ul.suggestions{position:absolute;z-index:2;left:0;right:0;top:100%;min-width:16rem;margin:.2rem 0 0;padding:.2rem;list-style:none;background:#fff;color:#1d2630;border:1px solid #c5ced8;border-radius:.5rem;box-shadow:0 4px 12px #0002}
ul.suggestions[hidden]{display:none}
ul.suggestions a{display:flex;flex-wrap:wrap;gap:0 .5rem;align-items:center;min-height:44px;padding:.35rem .6rem;color:inherit;text-decoration:none;border-radius:.3rem}
ul.suggestions a:hover,ul.suggestions a:focus{background:#e8f0fe;outline:2px solid #174ea6}
ul.suggestions .name{font-weight:650}ul.suggestions .muted,ul.suggestions .also{font-size:.85rem;color:#5b6875}
ul.suggestions .also{flex-basis:100%}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}`;

/** The header's search form, holding the text searched for on a results page. */
export const headerSearch = (query = '') =>
  html`<form class="search" action="${ROUTES['search-page']}" method="get" role="search">
<input type="search" name="q" value="${query}" placeholder="Find a place…" aria-label="Find a place" maxlength="100" autocomplete="off" data-suggest>
<button type="submit">Go</button></form>`;

/** The tag of one of the site's scripts, the pages' own by default (deferred: no page waits). */
export const siteScript = (name = SEARCH_SCRIPT) =>
  html`<script src="${assetTable().pathOf(name)}" defer></script>`;
