import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The checkout or installed package: where package.json and migrations/ are, two folders up from
 * this module (Node runs the sources where they are). Files read at run time are located from
 * here, not from the working directory.
 */
export const PACKAGE_ROOT = fileURLToPath(new URL('../..', import.meta.url));

const pkg = JSON.parse(readFileSync(`${PACKAGE_ROOT}package.json`, 'utf8')) as { version?: string };

/** isobar's version, as package.json says. */
export const PACKAGE_VERSION = pkg.version ?? '0.0.0';
