import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // One internal carbon price per institution and year, in cents per tonne (money as integer cents).
  await db.schema
    .createTable('carbon_price')
    .addColumn('institution_id', 'text', (c) => c.notNull().references('institution.id').onDelete('cascade'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('price_cents_per_tonne', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('app_user.id').onDelete('set null'))
    .addPrimaryKeyConstraint('carbon_price_pk', ['institution_id', 'year'])
    .execute();

  await db.schema
    .createTable('fund_entry')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('institution_id', 'text', (c) => c.notNull().references('institution.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('entry_date', 'text', (c) => c.notNull())
    .addColumn('amount_cents', 'integer', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('project_sdgs', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('app_user.id').onDelete('set null'))
    .addCheckConstraint('fund_entry_kind_check', sql`kind in ('income', 'disbursement')`)
    .addCheckConstraint('fund_entry_amount_check', sql`amount_cents > 0`)
    .execute();
  await db.schema
    .createIndex('fund_entry_institution_idx')
    .on('fund_entry')
    .columns(['institution_id', 'entry_date'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('fund_entry').execute();
  await db.schema.dropTable('carbon_price').execute();
}
