import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { TripImportProfileTable } from './trip-import-profiles.table';

export function listTripImportProfileRows(db: Kysely<DB>, institutionId: string) {
  return db
    .selectFrom('trip_import_profile')
    .selectAll()
    .where('institution_id', '=', institutionId)
    .orderBy('name')
    .execute();
}

export function findTripImportProfileRow(db: Kysely<DB>, institutionId: string, id: string) {
  return db
    .selectFrom('trip_import_profile')
    .selectAll()
    .where('institution_id', '=', institutionId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findTripImportProfileRowByName(db: Kysely<DB>, institutionId: string, name: string) {
  return db
    .selectFrom('trip_import_profile')
    .selectAll()
    .where('institution_id', '=', institutionId)
    .where('name', '=', name)
    .executeTakeFirst();
}

export async function insertTripImportProfile(db: Kysely<DB>, row: TripImportProfileTable): Promise<void> {
  await db.insertInto('trip_import_profile').values(row).execute();
}

export async function updateTripImportProfile(
  db: Kysely<DB>,
  institutionId: string,
  id: string,
  changes: Partial<Pick<TripImportProfileTable, 'name' | 'mapping_json' | 'updated_at'>>,
): Promise<void> {
  await db
    .updateTable('trip_import_profile')
    .set(changes)
    .where('institution_id', '=', institutionId)
    .where('id', '=', id)
    .execute();
}

export async function deleteTripImportProfileRow(db: Kysely<DB>, institutionId: string, id: string): Promise<void> {
  await db.deleteFrom('trip_import_profile').where('institution_id', '=', institutionId).where('id', '=', id).execute();
}
