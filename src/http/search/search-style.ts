/**
 * The style sheet of the search and landing pages, after the site's (allowed by its hash:
 * src/http/inline-styles.ts). Every link and button is at least 44 px tall, a finger's width.
 * In dark mode the tiles and results are dark cards; the suggestions stay a light list.
 */
export const SEARCH_STYLE = `
ul.results,ul.tiles{list-style:none;padding:0;margin:1rem 0;display:grid;gap:.4rem}
ul.results a,ul.tiles a{display:flex;flex-wrap:wrap;align-items:center;gap:.1rem .6rem;min-height:44px;padding:.55rem .8rem;background:#fff;border-radius:.5rem;box-shadow:0 1px 2px #0001;color:inherit;text-decoration:none}
ul.results a:hover .name,ul.tiles a:hover .name{text-decoration:underline}
.name{font-weight:650;color:#174ea6}.also{flex-basis:100%;font-size:.9rem;color:#5b6875}
ul.tiles{margin:.3rem 0 1rem}ul.tiles a{flex-wrap:nowrap;padding:.3rem .7rem}
ul.tiles .where{display:flex;flex-direction:column;flex:1;min-width:0}
ul.tiles .where span{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
ul.tiles .temp{font-size:1.15rem;font-weight:700;white-space:nowrap}
ul.tiles img,.symbol-none{flex:none;order:-1;width:40px;height:40px}
.regions{display:grid;grid-template-columns:repeat(auto-fill,minmax(15rem,1fr));gap:0 1.2rem}.regions h3{margin:.8rem 0 .2rem}
form.search.big{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;margin:1rem 0 .6rem}
form.search.big label{flex-basis:100%;font-weight:600}
form.search.big input{flex:1 1 12rem;min-height:48px;padding:.6rem .8rem;font-size:1.1rem}
form.search.big button,button.locate{min-height:48px;padding:.6rem 1rem;font:inherit;font-size:1.05rem;border-radius:.4rem;border:1px solid #174ea6;background:#174ea6;color:#fff;cursor:pointer}
button.locate{background:#fff;color:#174ea6}button.locate[hidden]{display:none}
.locating{margin:0 0 1.2rem;display:flex;flex-wrap:wrap;gap:.6rem;align-items:center}
.suggest{position:relative}
ul.suggestions{position:absolute;z-index:2;left:0;right:0;top:100%;margin:.2rem 0 0;padding:.2rem;list-style:none;background:#fff;border:1px solid #c5ced8;border-radius:.5rem;box-shadow:0 4px 12px #0002}
ul.suggestions[hidden]{display:none}
ul.suggestions a{display:flex;flex-wrap:wrap;gap:0 .5rem;align-items:center;min-height:44px;padding:.4rem .6rem;color:inherit;text-decoration:none;border-radius:.3rem}
ul.suggestions a:hover,ul.suggestions a:focus{background:#e8f0fe;outline:none}
ul.suggestions .muted,ul.suggestions .also{font-size:.85rem}
@media (prefers-color-scheme:dark){ul.results a,ul.tiles a{background:#1b232c;box-shadow:none}
.name{color:#8cc4ff}.also{color:#a5b1bd}button.locate{background:#1b232c;color:#8cc4ff;border-color:#8cc4ff}
ul.suggestions .name{color:#174ea6}}`;
