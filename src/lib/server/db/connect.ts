import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { DB } from './schema';

export type DialectName = 'sqlite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  dialect: DialectName;
  /** The URL without password, for messages. */
  label: string;
  /** The raw better-sqlite3 handle, for the online backup (SQLite only). */
  sqlite: SQLite.Database | null;
  close(): Promise<void>;
}

// pg returns int8 (COUNT, bigint columns) as strings; our bigints hold cents and milli-units well below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));

export function dialectOf(url: string): DialectName {
  return /^postgres(ql)?:\/\//.test(url) ? 'postgres' : 'sqlite';
}

export function sqlitePathOf(url: string): string {
  if (url === ':memory:' || url === 'file::memory:') return ':memory:';
  return resolve(url.replace(/^file:/, ''));
}

export function openDatabase(url: string): Database {
  if (dialectOf(url) === 'postgres') {
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    // An idle client dropped by the server (restart, failover) must not crash the process; the pool reconnects.
    pool.on('error', (e) => console.error(`PostgreSQL idle client error: ${e.message}`));
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      dialect: 'postgres',
      label: url.replace(/\/\/([^:@/]+):[^@]*@/, '//$1:***@'),
      sqlite: null,
      close: () => db.destroy(),
    };
  }
  const path = sqlitePathOf(url);
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, dialect: 'sqlite', label: path, sqlite, close: () => db.destroy() };
}
