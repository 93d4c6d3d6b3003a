import pg from 'pg';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of a reachable PostgreSQL server, or '' when none (never '' in CI). */
    pgAdminUrl: string;
  }
}

const DEFAULT_PG = 'postgres://postgres@127.0.0.1:5432/postgres';

/** Finds PostgreSQL once per run: DATABASE_URL if it is one, else the local default server. */
export default async function setup(project: TestProject): Promise<void> {
  const candidate = process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : DEFAULT_PG;
  const client = new pg.Client({ connectionString: candidate, connectionTimeoutMillis: 2000 });
  let url = '';
  try {
    await client.connect();
    await client.query('select 1');
    url = candidate;
  } catch (e) {
    if (process.env.CI) throw new Error(`PostgreSQL is required in CI and unreachable at ${candidate}: ${e}`);
    console.warn(`PostgreSQL unreachable at ${candidate}: database tests run on SQLite only.`);
  } finally {
    await client.end().catch(() => {});
  }
  project.provide('pgAdminUrl', url);
}
