import type { Command } from 'commander';
import type { Config } from '../../config/env.ts';
import type { Logger } from '../logger.ts';
import { type EnvKey, envHelp } from './env-help.ts';

/** What a command runs with: the configuration, parsed once, and the log. */
export interface CommandContext {
  config: Config;
  log: Logger;
}

/** Runs a command's body once its arguments are accepted; the body returns the exit status. */
export type Runner = (body: (context: CommandContext) => Promise<number>) => Promise<void>;

const ENV_OF = new WeakMap<Command, EnvKey[]>();

/** The environment variables a command reads, as its --help lists them. */
export const commandEnv = (c: Command): EnvKey[] => ENV_OF.get(c) ?? [];

/**
 * A subcommand of `parent` with its environment listed under its options in `--help`: the
 * one-line summary shows in the parent's list, and as its description until it sets a longer one.
 */
export function command(parent: Command, name: string, summary: string, env: EnvKey[]): Command {
  const keys = [...new Set([...env, 'LOG_LEVEL' as const])];
  const made = parent
    .command(name)
    .summary(summary)
    .description(summary)
    .addHelpText('after', () => envHelp(keys));
  ENV_OF.set(made, keys);
  return made;
}
