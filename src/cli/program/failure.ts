import { CommanderError } from 'commander';
import { ConfigError } from '../../config/env.ts';
import { UsageError } from '../usage-error.ts';

/** How a command ended badly: exit status 2 for the user's mistake, 1 for everything else. */
export interface Failure {
  status: 1 | 2;
  /** One line for stderr, without the "isobar: " prefix. */
  line: string;
}

/** Errors that already say what is wrong in a sentence, by name: checked without importing
 * their modules (the store, the geolocation reader), which `--help` should not have to load. */
const RUNTIME_SENTENCES = new Set(['StoreRefusal', 'GeoDatabaseError', 'EdgePurgeError']);

const LISTEN_REASONS: Record<string, string> = {
  EADDRINUSE: 'the port is in use by another process',
  EACCES: 'permission denied (ports below 1024 need root or CAP_NET_BIND_SERVICE)',
  EADDRNOTAVAIL: 'no network interface of this machine has that address',
};

interface SystemError extends Error {
  code?: unknown;
  syscall?: string;
  address?: string;
  port?: number;
  hostname?: string;
}

/** A message of several lines (a ConfigError lists each bad variable) as one: "head: a; b". */
function oneLine(text: string): string {
  const [head = '', ...rest] = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return rest.length === 0 ? head : `${head} ${rest.join('; ')}`;
}

/** The first message that says something: an AggregateError (both ::1 and 127.0.0.1 refused) has none of its own. */
function messageOf(err: unknown): string {
  if (err instanceof AggregateError && err.errors.length > 0 && !err.message)
    return messageOf(err.errors[0]);
  if (err instanceof Error) {
    if (err.message) return err.message;
    if (err.cause) return messageOf(err.cause);
    return err.name;
  }
  return String(err);
}

/** The exit status and one line for anything a command threw. */
export function describeFailure(err: unknown): Failure {
  if (err instanceof CommanderError) {
    return { status: 2, line: oneLine(err.message.replace(/^error: /, '')) };
  }
  if (err instanceof UsageError || err instanceof ConfigError) {
    return { status: 2, line: oneLine(err.message) };
  }
  const e = err as SystemError;
  if (e instanceof Error && RUNTIME_SENTENCES.has(e.name)) {
    return { status: 1, line: oneLine(e.message) };
  }
  if (e instanceof Error && e.name === 'DatabaseError') {
    const connection = (e as { code?: unknown }).code === '08006';
    const text = oneLine(messageOf(e.cause ?? e) || e.message);
    return {
      status: 1,
      line: connection ? `cannot reach the database: ${text}` : `database: ${text}`,
    };
  }
  if (typeof e?.code === 'string' && e.syscall === 'listen') {
    const reason = LISTEN_REASONS[e.code] ?? oneLine(messageOf(e));
    return { status: 1, line: `cannot listen on ${e.address}:${e.port}: ${reason}` };
  }
  if (typeof e?.code === 'string' && e.syscall === 'getaddrinfo') {
    return { status: 1, line: `cannot resolve the host name "${e.hostname}" (${e.code})` };
  }
  return { status: 1, line: `${oneLine(messageOf(err))} (--verbose shows where)` };
}
