import pino from 'pino';

export type Logger = pino.Logger;

export interface LoggerOptions {
  /** Where lines go (stderr by default, so stdout stays free for command output). */
  stream?: { write(text: string): unknown };
  /** Lines for a person (time, level, message) instead of JSON; default: whether the stream is a terminal. */
  human?: boolean;
}

/**
 * One line per event on stderr: JSON where a program reads it (a file, a pipe, a log collector),
 * a plain sentence where a person does (a terminal). pino's own pretty printer is a separate
 * package with its own dependencies, for a format this small: see humanLine.
 */
export function createLogger(level: string, options: LoggerOptions = {}): Logger {
  const stream = options.stream ?? process.stderr;
  const human = options.human ?? (stream as { isTTY?: boolean }).isTTY === true;
  if (!human && !options.stream) return pino({ level, base: undefined }, pino.destination(2));
  const write = human ? (line: string) => stream.write(humanLine(line)) : stream.write.bind(stream);
  return pino({ level, base: undefined }, { write });
}

const LEVELS: Record<number, string> = {
  10: 'trace',
  20: 'debug',
  30: '',
  40: 'warning: ',
  50: 'error: ',
  60: 'fatal: ',
};

/**
 * A pino JSON line as a person reads it: `20:14:03 catalog: 135233 places added`, the level named
 * only when it is not info, an error's message after a colon and any other fields as key=value.
 */
export function humanLine(json: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json;
  }
  const { level, time, msg, err, ...rest } = entry;
  const clock = new Date(Number(time)).toTimeString().slice(0, 8);
  let text = `${clock} ${LEVELS[Number(level)] ?? ''}${typeof msg === 'string' ? msg : ''}`;
  const error = err as { message?: unknown } | undefined;
  if (error && typeof error.message === 'string') text += `: ${error.message}`;
  for (const [key, value] of Object.entries(rest))
    text += ` ${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`;
  return `${text}\n`;
}
