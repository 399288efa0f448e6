import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/store/index.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A PGlite data folder made once for the run: test databases start as copies of it. */
    pgliteTemplate: string;
  }
}

/**
 * Vitest global setup: one empty PGlite database on disk for the whole run. Making one (initdb,
 * in WebAssembly) takes over two seconds here; copying this folder and opening the copy, a
 * fifth of a second, and every test file opens one or two.
 */
export async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'isobar-pglite-template-'));
  const template = join(dir, 'data');
  const db = await openDatabase(`pglite:${template}`);
  await db.close();
  project.provide('pgliteTemplate', template);
  return () => rmSync(dir, { recursive: true, force: true });
}
