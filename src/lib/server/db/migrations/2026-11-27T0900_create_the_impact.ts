import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('the_impact_edition')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('institution_id', 'text', (c) => c.notNull().references('institution.id').onDelete('cascade'))
    .addColumn('edition', 'integer', (c) => c.notNull())
    .addColumn('window_start_year', 'integer', (c) => c.notNull())
    .addColumn('window_end_year', 'integer', (c) => c.notNull())
    .addColumn('copied_from_edition', 'integer')
    .addColumn('created_by', 'text', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('the_impact_edition_year_unique', ['institution_id', 'edition'])
    .addCheckConstraint('the_impact_edition_window_check', sql`window_start_year <= window_end_year`)
    .execute();

  await db.schema
    .createTable('the_impact_edition_sdg')
    .addColumn('edition_id', 'text', (c) => c.notNull().references('the_impact_edition.id').onDelete('cascade'))
    .addColumn('sdg_number', 'integer', (c) => c.notNull().references('sdg.number'))
    .addPrimaryKeyConstraint('the_impact_edition_sdg_pk', ['edition_id', 'sdg_number'])
    .execute();

  await db.schema
    .createTable('the_impact_item')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('institution_id', 'text', (c) => c.notNull().references('institution.id').onDelete('cascade'))
    .addColumn('edition_id', 'text', (c) => c.notNull().references('the_impact_edition.id').onDelete('cascade'))
    .addColumn('sdg_number', 'integer', (c) => c.notNull().references('sdg.number'))
    .addColumn('metric_code', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('created_on', 'text')
    .addColumn('reviewed_on', 'text')
    .addColumn('public_url', 'text')
    .addColumn('file_name', 'text')
    .addColumn('file_content_type', 'text')
    .addColumn('file_byte_size', 'integer')
    .addColumn('file_sha256', 'text')
    .addColumn('file_base64', 'text')
    .addColumn('figure_milli', 'bigint')
    .addColumn('figure_unit', 'text')
    .addColumn('action_id', 'text', (c) => c.references('action.id').onDelete('set null'))
    .addColumn('indicator_id', 'text', (c) => c.references('indicator.id').onDelete('set null'))
    .addColumn('is_draft', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint('the_impact_item_kind_check', sql`kind in ('policy', 'initiative', 'figure')`)
    .execute();
  await db.schema
    .createIndex('the_impact_item_edition_idx')
    .on('the_impact_item')
    .columns(['edition_id', 'sdg_number', 'metric_code'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('the_impact_item').execute();
  await db.schema.dropTable('the_impact_edition_sdg').execute();
  await db.schema.dropTable('the_impact_edition').execute();
}
