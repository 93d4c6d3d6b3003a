import { type Insertable, type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema';
import type { FundEntryTable } from './fund.table';

export async function findCarbonPriceRow(db: Kysely<DB>, institutionId: string, year: number) {
  return db
    .selectFrom('carbon_price')
    .selectAll()
    .where('institution_id', '=', institutionId)
    .where('year', '=', year)
    .executeTakeFirst();
}

export async function upsertCarbonPrice(
  db: Kysely<DB>,
  row: { institution_id: string; year: number; price_cents_per_tonne: number; updated_at: string; updated_by: string },
  exists: boolean,
): Promise<void> {
  if (exists) {
    await db
      .updateTable('carbon_price')
      .set({ price_cents_per_tonne: row.price_cents_per_tonne, updated_at: row.updated_at, updated_by: row.updated_by })
      .where('institution_id', '=', row.institution_id)
      .where('year', '=', row.year)
      .execute();
    return;
  }
  await db.insertInto('carbon_price').values(row).execute();
}

export async function insertFundEntry(db: Kysely<DB>, row: Insertable<FundEntryTable>): Promise<void> {
  await db.insertInto('fund_entry').values(row).execute();
}

export async function listFundEntries(db: Kysely<DB>, institutionId: string, kind?: 'income' | 'disbursement') {
  let query = db.selectFrom('fund_entry').selectAll().where('institution_id', '=', institutionId);
  if (kind) query = query.where('kind', '=', kind);
  return query.orderBy('entry_date').orderBy('id').execute();
}

const tripYear = sql<string>`substr(trip.trip_date, 1, 4)`;

/** Contributions of the institution's trips by year of departure: their sum and the number of trips. */
export async function sumTripContributionsByYear(
  db: Kysely<DB>,
  institutionId: string,
): Promise<{ year: number; cents: number; tripCount: number }[]> {
  const rows = await db
    .selectFrom('trip')
    .innerJoin('trip_leg', 'trip_leg.trip_id', 'trip.id')
    .select(tripYear.as('year'))
    .select((eb) => [
      eb.fn.sum<number | string>('trip_leg.contribution_cents').as('cents'),
      eb.fn.count<number | string>('trip.id').distinct().as('trips'),
    ])
    .where('trip.institution_id', '=', institutionId)
    .groupBy(tripYear)
    .execute();
  // PostgreSQL returns sums and counts as bigint text.
  return rows.map((r) => ({ year: Number(r.year), cents: Number(r.cents), tripCount: Number(r.trips) }));
}

/** The first trips of a year (by date), to link the ledger's contributions to what they come from. */
export async function listTripIdsOfYear(
  db: Kysely<DB>,
  institutionId: string,
  year: number,
  limit: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom('trip')
    .select('id')
    .where('institution_id', '=', institutionId)
    .where('trip_date', '>=', `${year}-01-01`)
    .where('trip_date', '<', `${year + 1}-01-01`)
    .orderBy('trip_date')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

export async function findInstitutionBySlug(db: Kysely<DB>, slug: string) {
  return db.selectFrom('institution').select(['id', 'name', 'slug']).where('slug', '=', slug).executeTakeFirst();
}

export async function findInstitutionSlug(db: Kysely<DB>, institutionId: string): Promise<string | undefined> {
  const row = await db.selectFrom('institution').select('slug').where('id', '=', institutionId).executeTakeFirst();
  return row?.slug;
}

export async function findFundEntry(db: Kysely<DB>, institutionId: string, entryId: string) {
  return db
    .selectFrom('fund_entry')
    .selectAll()
    .where('institution_id', '=', institutionId)
    .where('id', '=', entryId)
    .executeTakeFirst();
}

export async function updateFundEntryRow(
  db: Kysely<DB>,
  institutionId: string,
  entryId: string,
  values: Pick<FundEntryTable, 'kind' | 'entry_date' | 'amount_cents' | 'label' | 'description' | 'project_sdgs'>,
): Promise<void> {
  await db
    .updateTable('fund_entry')
    .set(values)
    .where('institution_id', '=', institutionId)
    .where('id', '=', entryId)
    .execute();
}

export async function deleteFundEntryRow(db: Kysely<DB>, institutionId: string, entryId: string): Promise<void> {
  await db.deleteFrom('fund_entry').where('institution_id', '=', institutionId).where('id', '=', entryId).execute();
}
