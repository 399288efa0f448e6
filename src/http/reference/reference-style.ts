/** The reference's own styles, after the site's (allowed by hash: src/http/inline-styles.ts). */
export const REFERENCE_STYLE = `.operation,.build{background:#fff;border:1px solid #e3e8ee;border-radius:.6rem;padding:.2rem 1rem .8rem;margin:1rem 0}
.operation h3{overflow-wrap:anywhere}.method{font-size:.8rem;background:#1d4f7a;color:#fff;border-radius:.25rem;padding:.1rem .35rem;vertical-align:middle}
.summary{font-weight:600}table.members td{overflow-wrap:anywhere;vertical-align:top}table.members td:first-child{width:40%}
pre{background:#f0f3f6;border-radius:.4rem;padding:.6rem .8rem;margin:.3rem 0;overflow:auto;max-width:100%;font-size:.85rem;line-height:1.35}
pre code{background:none;padding:0;overflow-wrap:normal}pre.answer{max-height:24rem}
.snippets details{margin:.2rem 0}.snippets summary{cursor:pointer;font-weight:600;padding:.65rem 0}
dl.responses dt{float:left;clear:left;width:3.5rem}dl.responses dd{margin:0 0 .4rem 3.5rem}
nav.toc ul{columns:2 14rem;padding-left:1.2rem}nav.toc li{margin:.15rem 0}
form.builder{display:flex;flex-wrap:wrap;gap:.6rem 1rem;align-items:flex-end}form.builder label{display:flex;flex-direction:column;font-weight:600;gap:.2rem}
form.builder input,form.builder select,form.builder button{font:inherit;padding:.45rem .6rem;min-height:44px}
form.builder #place-hint{flex-basis:100%;font-size:.85rem}section.schema table{margin-bottom:1rem}
@media (max-width:30rem){.operation,.build{padding:.2rem .7rem .7rem}}
button.copy{font:inherit;font-size:.9rem;min-height:44px;min-width:5.5rem;padding:.3rem .9rem;margin:0 0 .3rem;border:1px solid #1d4f7a;border-radius:.4rem;background:#fff;color:#1d4f7a;cursor:pointer}
button.copy:focus-visible{outline:2px solid #2b6cb0;outline-offset:2px}
@media (prefers-color-scheme:dark){.operation,.build{background:#1b232c;border-color:#2c3742}pre{background:#26313c}
button.copy{background:#1b232c;color:#8cc4ff;border-color:#8cc4ff}button.copy:focus-visible{outline-color:#8cc4ff}}`;
