/**
 * Inside the SVG, so the chart looks the same wherever it is shown: in a page, in the widget, or
 * alone as an image (allowed by its hash: src/http/inline-styles.ts). It follows the system's
 * colour scheme, as the pages around it do. Rules added since the first are scoped to
 * `.meteogram`: inside a page this sheet applies to the whole document.
 */
export const CHART_STYLE =
  'text{font:11px system-ui,sans-serif;fill:#33414e}.unit,.dayname{font-weight:600}' +
  '.grid{stroke:#e3e8ee}.grid.zero{stroke:#5b6875;stroke-dasharray:4 3}.day{stroke:#9aa7b4}' +
  '.rain{fill:url(#mg-hatch);stroke:#2b6cb0;stroke-width:.8}.rain-tick{fill:#2b6cb0}' +
  '.temp{fill:none;stroke:#c53030;stroke-width:2.2;stroke-linejoin:round}' +
  '.temp-point{fill:#fff;stroke:#c53030;stroke-width:2}.temp-label{font-weight:600;fill:#9b2c2c}' +
  '.wind{fill:#33414e}' +
  '.meteogram .bg{fill:#fff}.meteogram .night{fill:#e9eef5}' +
  '.meteogram .temp.frost{stroke:#2b6cb0}.meteogram .temp-point.frost{fill:#2b6cb0;stroke:#2b6cb0}' +
  '.meteogram .temp-label{paint-order:stroke;stroke:#fff;stroke-width:3px}' +
  '.meteogram .temp-label.frost{fill:#1f5a99}' +
  '@media (prefers-color-scheme:dark){.meteogram .bg{fill:#1b232c}.meteogram .night{fill:#111820}' +
  '.meteogram text,.meteogram .wind{fill:#d5dde5}.meteogram .grid{stroke:#34404c}' +
  '.meteogram .grid.zero{stroke:#9aa7b4}.meteogram .rain-tick{fill:#90c2f0}' +
  '.meteogram .temp{stroke:#f08080}.meteogram .temp-point{fill:#1b232c;stroke:#f08080}' +
  '.meteogram .temp-label{fill:#ffb3b3;stroke:#1b232c}.meteogram .temp.frost{stroke:#7db8f0}' +
  '.meteogram .temp-point.frost{fill:#7db8f0;stroke:#7db8f0}.meteogram .temp-label.frost{fill:#a8d1f7}' +
  '.meteogram use.night{filter:url(#mg-moonlit)}}';
