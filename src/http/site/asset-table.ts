import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { assetPath } from '../../contract/uris/uri-space.ts';
import { bundleForBrowser } from './browser-bundle.ts';
import { SYMBOL_FILES } from './symbols.ts';

/** A static file as it is served: its bytes, type and the fingerprint in its URI. */
export interface Asset {
  name: string;
  body: Buffer;
  contentType: string;
  /** `/assets/yr-01d.3f9c2a1b7e.svg`: the content's hash is in the name, so it never changes. */
  path: string;
}

export interface AssetTable {
  /** The current URI of an asset by its plain name (`yr-01d.svg`). */
  pathOf(name: string): string;
  /** An asset by the file name in its URI; `stale` when the name is known but the hash is old. */
  find(file: string): { asset: Asset; stale: boolean } | null;
}

const SYMBOL_PACKAGE = dirname(
  createRequire(import.meta.url).resolve('@yr/weather-symbols/package.json'),
);
const SYMBOL_DIR = join(SYMBOL_PACKAGE, 'dist', 'svg');

/** The symbols' MIT licence, served beside them: its terms ask that it go with every copy. */
export const SYMBOL_LICENCE = 'yr-weather-symbols-LICENSE.txt';

/** The pages' own script: suggestions under the search box, "use my location". */
export const SEARCH_SCRIPT = 'search.js';
const SEARCH_ENTRY = 'src/http/search/client/search-script.ts';

/** The API reference's script: a "Copy" button beside each snippet. */
export const COPY_SCRIPT = 'copy.js';
const COPY_ENTRY = 'src/http/reference/client/copy-script.ts';

const script = (name: string, entry: string) =>
  makeAsset(name, bundleForBrowser(entry).code, 'text/javascript; charset=utf-8');

const FINGERPRINTED = /^(.+)\.([0-9a-f]{10})(\.[a-z]+)$/;

function makeAsset(name: string, body: Buffer, contentType: string): Asset {
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 10);
  const dot = name.lastIndexOf('.');
  return {
    name,
    body,
    contentType,
    path: assetPath(`${name.slice(0, dot)}.${hash}${name.slice(dot)}`),
  };
}

/** The assets the pages use, read once from the packages that ship them. */
export function createAssetTable(): AssetTable {
  const assets = new Map<string, Asset>();
  for (const id of SYMBOL_FILES) {
    const body = readFileSync(join(SYMBOL_DIR, `${id}.svg`));
    assets.set(`yr-${id}.svg`, makeAsset(`yr-${id}.svg`, body, 'image/svg+xml'));
  }
  const licence = readFileSync(join(SYMBOL_PACKAGE, 'LICENSE'));
  assets.set(SYMBOL_LICENCE, makeAsset(SYMBOL_LICENCE, licence, 'text/plain; charset=utf-8'));
  assets.set(SEARCH_SCRIPT, script(SEARCH_SCRIPT, SEARCH_ENTRY));
  assets.set(COPY_SCRIPT, script(COPY_SCRIPT, COPY_ENTRY));
  return {
    pathOf(name) {
      const asset = assets.get(name);
      if (!asset) throw new Error(`no asset named ${name}`);
      return asset.path;
    },
    find(file) {
      const m = FINGERPRINTED.exec(file);
      const asset = m ? assets.get(`${m[1]}${m[3]}`) : undefined;
      if (!asset) return null;
      return { asset, stale: asset.path !== assetPath(file) };
    },
  };
}

let shared: AssetTable | undefined;

/** The table of this process: the files never change while it runs, so it is read once. */
export function assetTable(): AssetTable {
  shared ??= createAssetTable();
  return shared;
}
