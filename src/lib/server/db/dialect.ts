import { type Kysely, sql } from 'kysely';

/**
 * The few places where SQLite and PostgreSQL differ. Each helper has both
 * implementations and a test on both dialects.
 */

/** Splits a long IN list: SQLite caps bound variables (32,766 since 3.32; we stay far below). */
export function chunk<T>(items: readonly T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Recognises a unique-constraint violation by its code, not its message. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string };
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** Lists user tables, to compare the schema with the table interfaces. */
export async function listTables(db: Kysely<any>, dialect: 'sqlite' | 'postgres'): Promise<string[]> {
  if (dialect === 'postgres') {
    const r = await sql<{ name: string }>`select table_name as name from information_schema.tables
      where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db);
    return r.rows.map((x) => x.name).sort();
  }
  const r = await sql<{ name: string }>`select name from sqlite_master where type = 'table'
    and name not like 'sqlite_%'`.execute(db);
  return r.rows.map((x) => x.name).sort();
}

/** Lists a table's columns. */
export async function listColumns(db: Kysely<any>, dialect: 'sqlite' | 'postgres', table: string): Promise<string[]> {
  if (dialect === 'postgres') {
    const r = await sql<{ name: string }>`select column_name as name from information_schema.columns
      where table_schema = current_schema() and table_name = ${table}`.execute(db);
    return r.rows.map((x) => x.name).sort();
  }
  const r = await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(db);
  return r.rows.map((x) => x.name).sort();
}
