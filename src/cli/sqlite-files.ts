/**
 * Checks that a file is a Trajectoire SQLite database before it is trusted as
 * a backup or restored over the live one.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import SQLite from 'better-sqlite3';
import { migrations } from '../lib/server/db/migrate';

/** The first 16 bytes of every SQLite 3 database file (sqlite.org/fileformat.html, 1.3). */
const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

export type SqliteCheck =
  | { ok: true; migrationCount: number }
  | {
      ok: false;
      code: 'cli.sqlite.notSqlite' | 'cli.sqlite.notOurs' | 'cli.sqlite.damaged' | 'cli.sqlite.newerSchema';
    };

export function hasSqliteHeader(path: string): boolean {
  const header = Buffer.alloc(SQLITE_HEADER.length);
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const read = readSync(fd, header, 0, header.length, 0);
    return read === header.length && header.equals(SQLITE_HEADER);
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Opens the file (read-write, so that SQLite removes its WAL side files on
 * close: call it on a copy, never on a file the user keeps) and checks that it
 * is intact, holds our migration table and no migration this version ignores.
 */
export function checkOurDatabase(path: string): SqliteCheck {
  if (!hasSqliteHeader(path)) return { ok: false, code: 'cli.sqlite.notSqlite' };
  let sqlite: SQLite.Database | undefined;
  try {
    sqlite = new SQLite(path, { fileMustExist: true });
    const check = sqlite.pragma('quick_check', { simple: true });
    if (check !== 'ok') return { ok: false, code: 'cli.sqlite.damaged' };
    const table = sqlite
      .prepare("select name from sqlite_master where type = 'table' and name = 'kysely_migration'")
      .get();
    if (!table) return { ok: false, code: 'cli.sqlite.notOurs' };
    const names = sqlite.prepare('select name from kysely_migration').pluck().all() as string[];
    if (names.some((name) => !(name in migrations))) return { ok: false, code: 'cli.sqlite.newerSchema' };
    return { ok: true, migrationCount: names.length };
  } catch {
    return { ok: false, code: 'cli.sqlite.damaged' };
  } finally {
    sqlite?.close();
  }
}
