import { z } from 'zod';
import { ENV_SCHEMA, type Env } from '../../config/env.ts';

export type EnvKey = keyof Env;

const FIELDS = ENV_SCHEMA.shape as Record<EnvKey, z.ZodType>;

/** Every variable of the configuration, in the schema's order. */
export const ALL_ENV = Object.keys(FIELDS) as EnvKey[];

/** What every command that opens the database reads. */
export const DATABASE_ENV: EnvKey[] = ['DATABASE_URL', 'DATA_DIR'];

/** The variables whose names start with one of these prefixes, in the schema's order. */
export const envStartingWith = (...prefixes: string[]): EnvKey[] =>
  ALL_ENV.filter((k) => prefixes.some((p) => k.startsWith(p)));

/** A plain default to show: strings and numbers; lists and parsed values say theirs in words. */
function shownDefault(field: z.ZodType): string | undefined {
  if (!(field instanceof z.ZodDefault)) return undefined;
  const value: unknown = field.def.defaultValue;
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

/**
 * The "Environment" section of a command's help: each variable it reads with the schema's own
 * description and default, so the help cannot drift from what loadConfig accepts.
 */
export function envHelp(keys: readonly EnvKey[]): string {
  const width = Math.max(...keys.map((k) => k.length));
  const lines = keys.map((key) => {
    const field = FIELDS[key];
    const fallback = shownDefault(field);
    const text = [field.description, fallback === undefined ? '' : `default ${fallback}`];
    return `  ${key.padEnd(width)}  ${text.filter(Boolean).join('; ')}`;
  });
  return `\nEnvironment (blank means unset; a bad value stops the command with status 2):\n${lines.join('\n')}`;
}
