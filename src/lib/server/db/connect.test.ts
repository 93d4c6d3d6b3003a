import { sql } from 'kysely';
import { expect, test } from 'vitest';
import { openDatabase } from './connect';

test('a cached SQLite statement still answers right after the schema changes', async () => {
  const { db, close } = openDatabase('file::memory:');
  try {
    await sql`create table t (a integer)`.execute(db);
    await sql`insert into t (a) values (1)`.execute(db);
    const read = () => sql<Record<string, unknown>>`select * from t`.execute(db);
    expect((await read()).rows).toEqual([{ a: 1 }]);
    await sql`alter table t add column b text default 'x'`.execute(db);
    // The same SQL text: the cached statement is re-prepared by SQLite and sees the new column.
    expect((await read()).rows).toEqual([{ a: 1, b: 'x' }]);
    // The same insert many times (an import's batches) keeps working with one statement.
    for (let i = 2; i <= 600; i++) await sql`insert into t (a) values (${i})`.execute(db);
    const count = await sql<{ n: number }>`select count(*) as n from t`.execute(db);
    expect(count.rows[0]?.n).toBe(600);
  } finally {
    await close();
  }
});
