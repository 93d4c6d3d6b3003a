import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { getConfig } from '../lib/server/config';
import { dialectOf, openDatabase, sqlitePathOf } from '../lib/server/db/connect';
import { type Cli, CliError, EXIT, type ExitCode, parseCommand, shellQuote, urlWithoutPassword } from './cli';
import { checkOurDatabase } from './sqlite-files';

const schema = z.object({ positionals: z.tuple([z.string().min(1)]), force: z.boolean().default(false) });

/** The live SQLite file of DATABASE_URL; refused for an in-memory database, which has nothing to save or replace. */
export function liveSqlitePath(url: string): string {
  const path = sqlitePathOf(url);
  if (path === ':memory:') throw new CliError('cli.sqlite.inMemory');
  return path;
}

/**
 * `backup FILE [--force]`. SQLite: an online copy (readers and writers may
 * keep working), written next to FILE then renamed once it has been checked.
 * PostgreSQL: prints the pg_dump command to run.
 */
export async function backup(cli: Cli, args: string[]): Promise<ExitCode> {
  const values = parseCommand(args, { force: { type: 'boolean' } }, schema);
  const out = resolve(values.positionals[0]);
  const url = getConfig().DATABASE_URL;
  if (dialectOf(url) === 'postgres') {
    cli.out(cli.t('cli.backup.postgres'));
    cli.out(`pg_dump --format=custom --file=${shellQuote(out)} ${shellQuote(urlWithoutPassword(url))}`);
    return EXIT.ok;
  }
  const live = liveSqlitePath(url);
  if (!existsSync(live)) throw new CliError('cli.sqlite.noDatabase', { path: live });
  if (existsSync(out) && !values.force) throw new CliError('cli.backup.exists', { path: out });

  const partial = `${out}.partial`;
  rmSync(partial, { force: true });
  const database = openDatabase(url);
  try {
    await database.sqlite!.backup(partial);
  } catch {
    rmSync(partial, { force: true });
    throw new CliError('cli.file.unwritable', { path: out });
  } finally {
    await database.close();
  }
  const check = checkOurDatabase(partial);
  if (!check.ok) {
    rmSync(partial, { force: true });
    throw new CliError(check.code, { path: live });
  }
  renameSync(partial, out);
  const sizeMb = Math.round((statSync(out).size / (1024 * 1024)) * 10) / 10;
  cli.out(cli.t('cli.backup.done', { path: out, sizeMb, migrations: check.migrationCount }));
  return EXIT.ok;
}
