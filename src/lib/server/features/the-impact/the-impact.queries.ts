import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { DB } from '../../db/schema';
import type { TheImpactEditionTable, TheImpactItemTable } from './the-impact.table';

export type EditionRow = Selectable<TheImpactEditionTable>;
export type ItemRow = Selectable<TheImpactItemTable>;

/** Item columns without the file's bytes, for lists. */
const ITEM_LIST_COLUMNS = [
  'id',
  'edition_id',
  'sdg_number',
  'metric_code',
  'kind',
  'title',
  'description',
  'created_on',
  'reviewed_on',
  'public_url',
  'file_name',
  'file_byte_size',
  'figure_milli',
  'figure_unit',
  'action_id',
  'indicator_id',
  'is_draft',
  'updated_at',
] as const;
export type ItemListRow = Pick<ItemRow, (typeof ITEM_LIST_COLUMNS)[number]>;

export function findEditionRow(db: Kysely<DB>, institutionId: string, edition: number) {
  return db
    .selectFrom('the_impact_edition')
    .selectAll()
    .where('institution_id', '=', institutionId)
    .where('edition', '=', edition)
    .executeTakeFirst();
}

/** The latest edition before `edition`, the one whose items a new edition copies. */
export function findPreviousEditionRow(db: Kysely<DB>, institutionId: string, edition: number) {
  return db
    .selectFrom('the_impact_edition')
    .selectAll()
    .where('institution_id', '=', institutionId)
    .where('edition', '<', edition)
    .orderBy('edition', 'desc')
    .executeTakeFirst();
}

export function listEditionRows(db: Kysely<DB>, institutionId: string) {
  return db
    .selectFrom('the_impact_edition')
    .selectAll()
    .where('institution_id', '=', institutionId)
    .orderBy('edition', 'desc')
    .execute();
}

export async function insertEditionRow(db: Kysely<DB>, row: Insertable<TheImpactEditionTable>): Promise<void> {
  await db.insertInto('the_impact_edition').values(row).execute();
}

export async function listEditionSdgNumbers(db: Kysely<DB>, editionIds: readonly string[]) {
  if (editionIds.length === 0) return [];
  return db
    .selectFrom('the_impact_edition_sdg')
    .select(['edition_id', 'sdg_number'])
    .where('edition_id', 'in', [...editionIds])
    .orderBy('sdg_number')
    .execute();
}

export async function replaceEditionSdgs(db: Kysely<DB>, editionId: string, sdgs: readonly number[]): Promise<void> {
  await db.deleteFrom('the_impact_edition_sdg').where('edition_id', '=', editionId).execute();
  if (sdgs.length > 0) {
    await db
      .insertInto('the_impact_edition_sdg')
      .values(sdgs.map((sdg_number) => ({ edition_id: editionId, sdg_number })))
      .execute();
  }
}

export function listSdgTitles(db: Kysely<DB>) {
  return db.selectFrom('sdg').select(['number', 'title_fr', 'title_en']).orderBy('number').execute();
}

export function listItemRows(db: Kysely<DB>, editionId: string): Promise<ItemListRow[]> {
  return db
    .selectFrom('the_impact_item')
    .select([...ITEM_LIST_COLUMNS])
    .where('edition_id', '=', editionId)
    .orderBy('sdg_number')
    .orderBy('metric_code')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** Every column, file included: for copying an edition. */
export function listFullItemRows(db: Kysely<DB>, editionId: string): Promise<ItemRow[]> {
  return db.selectFrom('the_impact_item').selectAll().where('edition_id', '=', editionId).orderBy('id').execute();
}

export function countItemsByEdition(db: Kysely<DB>, institutionId: string) {
  return db
    .selectFrom('the_impact_item')
    .select((eb) => ['edition_id', eb.fn.countAll<number | string>().as('n')])
    .where('institution_id', '=', institutionId)
    .groupBy('edition_id')
    .execute();
}

export function findItemRow(db: Kysely<DB>, institutionId: string, editionId: string, id: string) {
  return db
    .selectFrom('the_impact_item')
    .selectAll()
    .where('institution_id', '=', institutionId)
    .where('edition_id', '=', editionId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertItemRows(db: Kysely<DB>, rows: Insertable<TheImpactItemTable>[]): Promise<void> {
  // A few columns per row and base64 files: small batches keep SQLite under its variable limit.
  for (let i = 0; i < rows.length; i += 20) {
    await db
      .insertInto('the_impact_item')
      .values(rows.slice(i, i + 20))
      .execute();
  }
}

export async function updateItemRow(
  db: Kysely<DB>,
  id: string,
  changes: Updateable<TheImpactItemTable>,
): Promise<void> {
  await db.updateTable('the_impact_item').set(changes).where('id', '=', id).execute();
}

export async function deleteItemRow(db: Kysely<DB>, id: string): Promise<void> {
  await db.deleteFrom('the_impact_item').where('id', '=', id).execute();
}

export function listActionOptionRows(db: Kysely<DB>, institutionId: string) {
  return db
    .selectFrom('action')
    .innerJoin('plan', 'plan.id', 'action.plan_id')
    .select(['action.id', 'action.title', 'plan.title as plan_title'])
    .where('plan.institution_id', '=', institutionId)
    .orderBy('plan.created_at', 'desc')
    .orderBy('plan.id')
    .orderBy('action.position')
    .orderBy('action.id')
    .execute();
}

export function listIndicatorOptionRows(db: Kysely<DB>, institutionId: string) {
  return db
    .selectFrom('indicator')
    .innerJoin('plan', 'plan.id', 'indicator.plan_id')
    .select(['indicator.id', 'indicator.name', 'plan.title as plan_title'])
    .where('plan.institution_id', '=', institutionId)
    .orderBy('plan.created_at', 'desc')
    .orderBy('plan.id')
    .orderBy('indicator.position')
    .orderBy('indicator.id')
    .execute();
}

export async function isInstitutionAction(db: Kysely<DB>, institutionId: string, id: string): Promise<boolean> {
  const row = await db
    .selectFrom('action')
    .innerJoin('plan', 'plan.id', 'action.plan_id')
    .select('action.id')
    .where('plan.institution_id', '=', institutionId)
    .where('action.id', '=', id)
    .executeTakeFirst();
  return row !== undefined;
}

export async function isInstitutionIndicator(db: Kysely<DB>, institutionId: string, id: string): Promise<boolean> {
  const row = await db
    .selectFrom('indicator')
    .innerJoin('plan', 'plan.id', 'indicator.plan_id')
    .select('indicator.id')
    .where('plan.institution_id', '=', institutionId)
    .where('indicator.id', '=', id)
    .executeTakeFirst();
  return row !== undefined;
}

export function findInstitutionName(db: Kysely<DB>, institutionId: string) {
  return db.selectFrom('institution').select('name').where('id', '=', institutionId).executeTakeFirst();
}

export async function updateEditionWindow(db: Kysely<DB>, id: string, startYear: number, endYear: number) {
  await db
    .updateTable('the_impact_edition')
    .set({ window_start_year: startYear, window_end_year: endYear })
    .where('id', '=', id)
    .execute();
}
