import { isIP } from 'node:net';
import { ENV_SCHEMA } from '../../config/env.ts';
import { UsageError } from '../usage-error.ts';

// Parsers of option and argument values: each returns the value or throws a UsageError whose
// message names the option and the value, so that every refusal reads the same way.

/** A whole number from `min` to `max`, given as digits only (no 1e3, no -5, no 0x10). */
export const wholeNumber =
  (flag: string, what: string, min = 0, max = Number.MAX_SAFE_INTEGER) =>
  (text: string): number => {
    const n = /^\d{1,15}$/.test(text) ? Number(text) : Number.NaN;
    if (!(n >= min && n <= max)) {
      const range = max === Number.MAX_SAFE_INTEGER ? `${min} or more` : `${min} to ${max}`;
      throw new UsageError(`${flag} takes a whole number of ${what} (${range}), not "${text}"`);
    }
    return n;
  };

/** A TCP port; 0 asks the system for a free one. */
export const portNumber = wholeNumber('--port', 'a port', 0, 65_535);

/** An address to listen on, by the rule HOST follows. */
export function listenHost(text: string): string {
  const checked = ENV_SCHEMA.shape.HOST.safeParse(text);
  if (!checked.success) throw new UsageError(`--host ${checked.error.issues[0]!.message}`);
  return text;
}

/** An IPv4 or IPv6 address, as `isobar geo` looks up. */
export function ipAddress(text: string): string {
  if (isIP(text) === 0) {
    throw new UsageError(
      `"${text}" is not a valid IP address: give one such as 81.2.69.142 or 2001:db8::1`,
    );
  }
  return text;
}
