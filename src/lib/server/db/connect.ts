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
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return { db, dialect: 'sqlite', label: path, sqlite, close: () => db.destroy() };
}

/** Prepared statements kept per connection; the least recently used beyond it are dropped. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely's SQLite driver prepares every query it runs, and preparing costs as much as running a small query
 * (the dashboard runs ~10 per request, an import thousands of batches of one shape). The connection handed
 * to Kysely keeps its prepared statements by SQL text and hands the same one back: better-sqlite3 statements
 * are reusable, and SQLite re-prepares one itself after a schema change. Safe because no query streams
 * (`.stream()` iterates a statement while it is open; a second use of the same statement then would fail).
 */
function withStatementCache(sqlite: SQLite.Database): SQLite.Database {
  const cache = new Map<string, SQLite.Statement>();
  const prepare = (sql: string): SQLite.Statement => {
    const cached = cache.get(sql);
    if (cached) {
      // Most recently used last, so the first key is the one to drop.
      cache.delete(sql);
      cache.set(sql, cached);
      return cached;
    }
    const statement = sqlite.prepare(sql);
    cache.set(sql, statement);
    if (cache.size > STATEMENT_CACHE_SIZE) {
      const oldest = cache.keys().next().value;
      if (oldest !== undefined) cache.delete(oldest);
    }
    return statement;
  };
  return new Proxy(sqlite, {
    get(target, property) {
      if (property === 'prepare') return prepare;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
