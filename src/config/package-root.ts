import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface PackageJson {
  name?: string;
  version?: string;
}

const readJson = (file: string): PackageJson | null => {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as PackageJson;
  } catch {
    return null;
  }
};

/**
 * The folder of isobar's package.json, found by walking up from this module: the same answer
 * from src/config/ under tsx and from a bundled chunk in dist/, where a fixed `../..` would not
 * hold. Files read at run time (migrations/, package.json) are located from here.
 */
function findRoot(from: string): { root: string; pkg: PackageJson } {
  for (let dir = from; ; dir = dirname(dir)) {
    const pkg = existsSync(join(dir, 'package.json')) && readJson(join(dir, 'package.json'));
    if (pkg && pkg.name === 'isobar') return { root: dir, pkg };
    if (dirname(dir) === dir) throw new Error(`no isobar package.json above ${from}`);
  }
}

const found = findRoot(dirname(fileURLToPath(import.meta.url)));

/** The checkout or installed package: where package.json and migrations/ are. */
export const PACKAGE_ROOT = found.root;

/** isobar's version, as package.json says. */
export const PACKAGE_VERSION = found.pkg.version ?? '0.0.0';
