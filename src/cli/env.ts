import { type Config, getConfig } from '../lib/server/config';

/** The settings the command line reads; they are parsed with the rest of the configuration in config.ts. */
export type CliEnv = Pick<Config, 'LANG' | 'LC_ALL' | 'TRAJECTOIRE_ADMIN_PASSWORD'>;

export function cliEnv(): CliEnv {
  return getConfig();
}
