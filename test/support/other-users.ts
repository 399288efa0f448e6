import { statSync } from 'node:fs';
import { dirname } from 'node:path';

/** Whether a user other than the owner may pass through every directory down to `path`. */
export function othersCanEnter(path: string): boolean {
  for (let dir = path; ; dir = dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) return false;
    if (dirname(dir) === dir) return true;
  }
}
