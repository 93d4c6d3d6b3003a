import { getConfig } from '../lib/server/config';
import { type Database, openDatabase } from '../lib/server/db/connect';
import { migrateToLatest } from '../lib/server/db/migrate';
import { syncReferenceData } from '../lib/server/features/sdg';

/** The configured database, without touching its schema. */
export function openConfiguredDatabase(): Database {
  return openDatabase(getConfig().DATABASE_URL);
}

/** The configured database, migrated and with its reference data, closed after `work` whatever happens. */
export async function withDatabase<T>(work: (database: Database) => Promise<T>): Promise<T> {
  const database = openConfiguredDatabase();
  try {
    await migrateToLatest(database.db);
    await syncReferenceData(database.db);
    return await work(database);
  } finally {
    await database.close();
  }
}
