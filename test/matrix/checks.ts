import { isDeepStrictEqual } from 'node:util';

// The install matrix's assertions: plain functions, since its steps run outside vitest (on the
// Node under test, in a fresh clone), and a failure is one line in its table.

/** Throws `message` unless `ok`. */
export function check(ok: boolean, message: string): void {
  if (!ok) throw new Error(message);
}

/** Throws unless `actual` deep-equals `expected`, naming `what` and both values. */
export function checkEqual<T>(actual: T, expected: T, what: string): void {
  if (!isDeepStrictEqual(actual, expected)) {
    throw new Error(`${what}: got ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`);
  }
}

/**
 * `promise`, or a rejection naming `what` after `ms`: a guard so that a hung process fails its
 * step instead of holding the matrix, not a measure of speed.
 */
export function withDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}
