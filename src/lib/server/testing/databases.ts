import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { type Database, type DialectName, openDatabase } from '../db/connect';
import { migrateToLatest } from '../db/migrate';
import { syncReferenceData } from '../features/sdg';

/** The dialects this run can test: SQLite always, PostgreSQL when reachable (always in CI). */
export function testDialects(): DialectName[] {
  return inject('pgAdminUrl') ? ['sqlite', 'postgres'] : ['sqlite'];
}

/** A freshly created, empty database (not migrated). Drop it with `dispose`. */
export async function createEmptyDatabase(
  dialect: DialectName,
): Promise<{ database: Database; dispose: () => Promise<void> }> {
  if (dialect === 'sqlite') {
    const database = openDatabase(':memory:');
    return { database, dispose: () => database.close() };
  }
  const adminUrl = inject('pgAdminUrl');
  const name = `trj_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = openDatabase(url.toString());
  return {
    database,
    dispose: async () => {
      await database.close();
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

/** A migrated database with reference data (SDGs, axes). */
export async function createTestDatabase(
  dialect: DialectName,
): Promise<{ database: Database; dispose: () => Promise<void> }> {
  const created = await createEmptyDatabase(dialect);
  await migrateToLatest(created.database.db);
  await syncReferenceData(created.database.db);
  return created;
}

/**
 * Runs the same suite once per dialect, each on its own freshly migrated database:
 * `describeEachDialect('plans', (getDb) => { test(...) })`.
 */
export function describeEachDialect(title: string, suite: (get: () => Database) => void): void {
  for (const dialect of testDialects()) {
    describe(`${title} [${dialect}]`, () => {
      let current: { database: Database; dispose: () => Promise<void> } | undefined;
      beforeAll(async () => {
        current = await createTestDatabase(dialect);
      });
      afterAll(async () => {
        await current?.dispose();
      });
      suite(() => {
        if (!current) throw new Error('database not ready');
        return current.database;
      });
    });
  }
}
