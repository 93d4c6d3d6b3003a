/**
 * What every command shares: the language of messages, output, exit codes,
 * argument parsing (node:util parseArgs, then zod). The database is in database.ts.
 *
 * The CLI runs under tsx, where SvelteKit's `$lib` alias does not exist:
 * server code is imported by relative paths.
 */
import { type ParseArgsConfig, parseArgs } from 'node:util';
import type { z } from 'zod';
import { type Locale, type Params, translate } from '../lib/i18n';
import { cliEnv } from './env';

/**
 * 0 done; 1 refused (nothing to act on, conflict); 2 the input file or data was
 * refused; 64 bad usage and 70 unexpected failure (sysexits EX_USAGE, EX_SOFTWARE).
 */
export const EXIT = { ok: 0, refused: 1, invalidInput: 2, usage: 64, failure: 70 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** LC_ALL wins over LANG, as in every POSIX tool; "en..." gives English, anything else French. */
export function localeFromEnv(env: { LC_ALL?: string; LANG?: string }): Locale {
  const tag = env.LC_ALL || env.LANG || '';
  return tag.toLowerCase().startsWith('en') ? 'en' : 'fr';
}

export interface Cli {
  locale: Locale;
  t: (key: string, params?: Params) => string;
  /** A line on stdout (results). */
  out: (line: string) => void;
  /** A line on stderr (errors, notes). */
  err: (line: string) => void;
}

export function createCli(): Cli {
  const locale = localeFromEnv(cliEnv());
  return {
    locale,
    t: (key, params) => translate(locale, key, params),
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  };
}

/** A refusal the command reports on stderr, translated, with its exit code. */
export class CliError extends Error {
  constructor(
    readonly code: string,
    readonly params: Params = {},
    readonly exitCode: ExitCode = EXIT.refused,
  ) {
    super(code);
  }
}

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * Parses `args` with node:util, then checks the values with a zod schema;
 * unknown options and invalid values are usage errors. (`--help` never gets
 * here: index.ts answers it before loading the command.)
 */
export function parseCommand<S extends z.ZodType>(args: string[], options: Options, schema: S): z.infer<S> {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args,
      options,
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    throw new CliError('cli.error.usage', { detail: (e as Error).message }, EXIT.usage);
  }
  const checked = schema.safeParse({ ...parsed.values, positionals: parsed.positionals });
  if (!checked.success) {
    const issue = checked.error.issues[0];
    const option = issue?.path.length ? String(issue.path[0]) : '';
    if (option === 'positionals') throw new CliError('cli.error.arguments', {}, EXIT.usage);
    throw new CliError('cli.error.option', { option: `--${kebab(option)}` }, EXIT.usage);
  }
  return checked.data;
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** "postgres://user:secret@host/db" -> "postgres://user@host/db": what a command line may show. */
export function urlWithoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    return parsed.toString();
  } catch {
    return url.replace(/\/\/([^:@/]+):[^@]*@/, '//$1@');
  }
}

/** Quotes an argument for a POSIX shell when it needs it. */
export function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
