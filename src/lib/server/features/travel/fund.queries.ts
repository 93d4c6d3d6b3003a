import type { Insertable, Kysely } from 'kysely';
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

/** Each declared trip of the institution with its date and the sum of its legs' contributions. */
export async function listTripContributions(
  db: Kysely<DB>,
  institutionId: string,
): Promise<{ id: string; tripDate: string; contributionCents: number }[]> {
  const rows = await db
    .selectFrom('trip')
    .innerJoin('trip_leg', 'trip_leg.trip_id', 'trip.id')
    .select(['trip.id', 'trip.trip_date'])
    .select((eb) => eb.fn.sum<number | string>('trip_leg.contribution_cents').as('cents'))
    .where('trip.institution_id', '=', institutionId)
    .groupBy(['trip.id', 'trip.trip_date'])
    .orderBy('trip.trip_date')
    .orderBy('trip.id')
    .execute();
  // PostgreSQL returns sums of integers as bigint text.
  return rows.map((r) => ({ id: r.id, tripDate: r.trip_date, contributionCents: Number(r.cents) }));
}

export async function findInstitutionBySlug(db: Kysely<DB>, slug: string) {
  return db.selectFrom('institution').select(['id', 'name', 'slug']).where('slug', '=', slug).executeTakeFirst();
}

export async function findInstitutionSlug(db: Kysely<DB>, institutionId: string): Promise<string | undefined> {
  const row = await db.selectFrom('institution').select('slug').where('id', '=', institutionId).executeTakeFirst();
  return row?.slug;
}
