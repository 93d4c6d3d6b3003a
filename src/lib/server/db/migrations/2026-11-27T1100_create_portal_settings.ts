import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // One row per institution; no row = portal off. Booleans as integers 0/1 on both dialects.
  await db.schema
    .createTable('portal_settings')
    .addColumn('institution_id', 'text', (c) => c.primaryKey().references('institution.id').onDelete('cascade'))
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('show_plan_progress', 'integer', (c) => c.notNull())
    .addColumn('show_sdg_matrix', 'integer', (c) => c.notNull())
    .addColumn('show_reports', 'integer', (c) => c.notNull())
    .addColumn('show_fund', 'integer', (c) => c.notNull())
    .addColumn('show_open_data', 'integer', (c) => c.notNull())
    .addColumn('licence_name', 'text', (c) => c.notNull())
    .addColumn('licence_url', 'text', (c) => c.notNull())
    .addColumn('purpose_text', 'text')
    .addColumn('contact_url', 'text')
    .addColumn('updated_by', 'text', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint(
      'portal_settings_flags_check',
      sql`enabled in (0, 1) and show_plan_progress in (0, 1) and show_sdg_matrix in (0, 1) and show_reports in (0, 1) and show_fund in (0, 1) and show_open_data in (0, 1)`,
    )
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('portal_settings').execute();
}
