import { type Kysely, PostgresAdapter, type SelectQueryBuilder } from 'kysely';

/**
 * The one place where claiming a job differs between dialects. PostgreSQL lets
 * concurrent workers skip a row another transaction has locked, so each worker
 * picks a different job instead of waiting; SQLite has a single writer, so its
 * conditional update is already atomic and knows no row locks.
 */

export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** Adds `for update skip locked` on PostgreSQL; leaves the query unchanged on SQLite. */
export function skipLockedRows<DB, TB extends keyof DB, O>(
  db: Kysely<any>,
  query: SelectQueryBuilder<DB, TB, O>,
): SelectQueryBuilder<DB, TB, O> {
  return isPostgres(db) ? query.forUpdate().skipLocked() : query;
}
