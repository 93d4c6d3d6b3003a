import { closeSync, copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { z } from 'zod';
import { getConfig } from '../lib/server/config';
import { dialectOf } from '../lib/server/db/connect';
import { liveSqlitePath } from './backup';
import { type Cli, CliError, EXIT, type ExitCode, parseCommand, shellQuote, urlWithoutPassword } from './cli';
import { checkOurDatabase, hasSqliteHeader } from './sqlite-files';

const schema = z.object({ positionals: z.tuple([z.string().min(1)]) });

function fsyncFile(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Folds the live database's write-ahead log into its file and closes it. A
 * WAL file still there afterwards means another process (a running server)
 * has the database open: replacing the file under it would corrupt both.
 */
function quiesce(path: string): 'closed' | 'in-use' {
  try {
    const live = new SQLite(path, { fileMustExist: true });
    live.pragma('wal_checkpoint(TRUNCATE)');
    live.close();
  } catch {
    // A damaged live file is what a restore is for: replace it anyway.
  }
  return existsSync(`${path}-wal`) ? 'in-use' : 'closed';
}

/**
 * `restore FILE`. SQLite: refuses anything but a Trajectoire database, keeps
 * a copy of the database it replaces, and swaps the file atomically (copy
 * next to it, then rename). Stop the server first. PostgreSQL: prints the
 * pg_restore command to run.
 */
export async function restore(cli: Cli, args: string[]): Promise<ExitCode> {
  const values = parseCommand(args, {}, schema);
  const source = resolve(values.positionals[0]);
  const url = getConfig().DATABASE_URL;
  if (dialectOf(url) === 'postgres') {
    cli.out(cli.t('cli.restore.postgres'));
    cli.out(
      `pg_restore --clean --if-exists --no-owner --dbname=${shellQuote(urlWithoutPassword(url))} ${shellQuote(source)}`,
    );
    return EXIT.ok;
  }
  if (!existsSync(source)) throw new CliError('cli.file.unreadable', { path: source }, EXIT.invalidInput);
  if (!hasSqliteHeader(source)) throw new CliError('cli.sqlite.notSqlite', { path: source }, EXIT.invalidInput);
  const target = liveSqlitePath(url);
  if (source === target) throw new CliError('cli.restore.sameFile', { path: source });

  mkdirSync(dirname(target), { recursive: true });
  const temporary = `${target}.restore-${process.pid}.tmp`;
  copyFileSync(source, temporary);
  // Checked on the copy: the user's file is only ever read.
  const check = checkOurDatabase(temporary);
  if (!check.ok) {
    rmSync(temporary, { force: true });
    throw new CliError(check.code, { path: source }, EXIT.invalidInput);
  }
  fsyncFile(temporary);

  let kept: string | null = null;
  if (existsSync(target)) {
    if (quiesce(target) === 'in-use') {
      rmSync(temporary, { force: true });
      throw new CliError('cli.restore.inUse', { path: target });
    }
    kept = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    copyFileSync(target, kept);
  }
  rmSync(`${target}-shm`, { force: true });
  renameSync(temporary, target);
  cli.out(cli.t('cli.restore.done', { path: target, source, migrations: check.migrationCount }));
  if (kept) cli.out(cli.t('cli.restore.kept', { path: kept }));
  return EXIT.ok;
}
