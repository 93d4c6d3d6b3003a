import type { Insertable, Kysely, Selectable } from 'kysely';
import type { DB } from '../../db/schema';
import type { TravelRecomputeTable, TravelSettingsTable } from './travel-settings.table';

export type TravelSettingsRow = Selectable<TravelSettingsTable>;
export type TravelRecomputeRow = Selectable<TravelRecomputeTable>;

export function findTravelSettingsRow(db: Kysely<DB>, institutionId: string): Promise<TravelSettingsRow | undefined> {
  return db.selectFrom('travel_settings').selectAll().where('institution_id', '=', institutionId).executeTakeFirst();
}

export async function upsertTravelSettings(
  db: Kysely<DB>,
  row: Insertable<TravelSettingsTable>,
  exists: boolean,
): Promise<void> {
  if (!exists) {
    await db.insertInto('travel_settings').values(row).execute();
    return;
  }
  const { institution_id, ...changes } = row;
  await db.updateTable('travel_settings').set(changes).where('institution_id', '=', institution_id).execute();
}

/** Every institution's id, in a stable order (the daily job walks them all). */
export async function listInstitutionIds(db: Kysely<DB>): Promise<string[]> {
  const rows = await db.selectFrom('institution').select('id').orderBy('id').execute();
  return rows.map((r) => r.id);
}

export async function insertRecompute(db: Kysely<DB>, row: Insertable<TravelRecomputeTable>): Promise<void> {
  await db.insertInto('travel_recompute').values(row).execute();
}

/** The institution's recomputations, newest first (bounded: the page shows the latest ones). */
export function listRecomputes(db: Kysely<DB>, institutionId: string, limit: number): Promise<TravelRecomputeRow[]> {
  return db
    .selectFrom('travel_recompute')
    .selectAll()
    .where('institution_id', '=', institutionId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export function findRecompute(db: Kysely<DB>, institutionId: string, id: string) {
  return db
    .selectFrom('travel_recompute')
    .selectAll()
    .where('institution_id', '=', institutionId)
    .where('id', '=', id)
    .executeTakeFirst();
}
