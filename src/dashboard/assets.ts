import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { PAGE_STYLE } from '../http/pages/layout.ts';
import { bundleClient } from './client-bundle.ts';

/** A file the dashboard serves from its own origin, at a URI that names its content. */
export interface Asset {
  /** `uplot-1.6.32-3f2a9c1d.js`: a new content is a new URI, so each may be cached for ever. */
  name: string;
  body: Buffer;
  contentType: string;
}

/** The dashboard's assets by their fingerprinted names, and each one's URI. */
export interface Assets {
  byName: ReadonlyMap<string, Asset>;
  uri: { uplotJs: string; uplotCss: string; js: string; css: string };
}

export const ASSET_PREFIX = '/dashboard/assets/';

const TYPES: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
};

function asset(stem: string, body: Buffer, ext: 'js' | 'css'): Asset {
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  return { name: `${stem}-${hash}.${ext}`, body, contentType: TYPES[ext]! };
}

/**
 * The public site's style sheet, then the dashboard's own: one look for both, and a change to the
 * site's (its colours, its dark mode) reaches the dashboard without a copy to keep in step.
 */
const dashboardCss = () =>
  Buffer.concat([
    Buffer.from(`${PAGE_STYLE}\n`),
    readFileSync(new URL('./client/dashboard.css', import.meta.url)),
  ]);

let loaded: Assets | undefined;

/**
 * Reads the chart library from node_modules (no CDN: the dashboard works offline) and the
 * dashboard's style sheet, and bundles its script (client-bundle.ts), once per process.
 */
export function dashboardAssets(): Assets {
  if (loaded) return loaded;
  const require = createRequire(import.meta.url);
  const uplotDir = require.resolve('uplot/package.json').replace(/package\.json$/, '');
  const version = (
    JSON.parse(readFileSync(`${uplotDir}package.json`, 'utf8')) as { version: string }
  ).version;
  const list = [
    asset(`uplot-${version}`, readFileSync(`${uplotDir}dist/uPlot.iife.min.js`), 'js'),
    asset(`uplot-${version}`, readFileSync(`${uplotDir}dist/uPlot.min.css`), 'css'),
    asset('dashboard', bundleClient().code, 'js'),
    asset('dashboard', dashboardCss(), 'css'),
  ] as const;
  const uri = (a: Asset) => `${ASSET_PREFIX}${a.name}`;
  loaded = {
    byName: new Map(list.map((a) => [a.name, a])),
    uri: { uplotJs: uri(list[0]), uplotCss: uri(list[1]), js: uri(list[2]), css: uri(list[3]) },
  };
  return loaded;
}
