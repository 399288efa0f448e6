import { type BrowserBundle, bundleForBrowser } from '../http/site/browser-bundle.ts';

// How the browser gets the dashboard's script, which is TypeScript like the rest: esbuild bundles
// client/dashboard-script.ts and what it imports (the server's own renderers, formats and URIs,
// and hono's html helper) into one file, in memory, once per process when the dashboard is
// mounted; assets.ts serves it at a URI named by a hash of its content, immutable for a year like
// every other asset. So there is still no build step: `npm start` runs the sources.
//
// Weighed against serving Node's type-stripped modules (module.stripTypeScriptTypes) one file at
// a time: each import would have to be rewritten to a hashed URI (or mapped by an import map),
// hono's helper served out of node_modules, and the browser would make a request per module. That
// is a module server written by hand, where esbuild, already the project's, is the engine made for
// it. The costs: esbuild moves from the dev to the runtime dependencies (its native binary, about
// 10 MB, which every `npm install` fetched already), and start-up takes about 0.25 s longer
// (measured on a busy two-core machine: 40–55 ms to load esbuild, 175–220 ms for the first build
// in a process, its binary checked and started; a build after that takes 25–35 ms).

const ENTRY = 'src/dashboard/client/dashboard-script.ts';

export type ClientBundle = BrowserBundle;

/** Bundles the dashboard's script for browsers (a classic script: uPlot is loaded before it). */
export const bundleClient = (): ClientBundle => bundleForBrowser(ENTRY);
