import pino from 'pino';

export type Logger = pino.Logger;

/** One JSON line per event on stderr, so stdout stays free for command output. */
export function createLogger(level: string): Logger {
  return pino({ level, base: undefined }, pino.destination(2));
}
