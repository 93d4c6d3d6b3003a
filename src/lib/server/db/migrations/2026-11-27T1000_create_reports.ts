import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // One report per institution, kind and year; the SDGs it covers as a JSON array (never filtered on).
  await db.schema
    .createTable('report')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('institution_id', 'text', (c) => c.notNull().references('institution.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('sdgs_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('report_institution_kind_year_key', ['institution_id', 'kind', 'year'])
    .addCheckConstraint('report_kind_check', sql`kind in ('annual')`)
    .addCheckConstraint('report_status_check', sql`status in ('draft', 'in_review', 'published')`)
    .execute();

  await db.schema
    .createTable('report_narrative')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('report_id', 'text', (c) => c.notNull().references('report.id').onDelete('cascade'))
    .addColumn('block_key', 'text', (c) => c.notNull())
    .addColumn('markdown', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('report_narrative_report_key_key', ['report_id', 'block_key'])
    .execute();

  await db.schema
    .createTable('report_comment')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('report_id', 'text', (c) => c.notNull().references('report.id').onDelete('cascade'))
    .addColumn('block_key', 'text', (c) => c.notNull())
    .addColumn('author_user_id', 'text', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('author_label', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('resolved_at', 'text')
    .addColumn('resolved_by', 'text', (c) => c.references('app_user.id').onDelete('set null'))
    .execute();
  await db.schema.createIndex('report_comment_report_idx').on('report_comment').columns(['report_id']).execute();

  // A published version: the built document frozen as JSON, re-rendered on download, never rebuilt.
  await db.schema
    .createTable('report_version')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('report_id', 'text', (c) => c.notNull().references('report.id').onDelete('cascade'))
    .addColumn('institution_id', 'text', (c) => c.notNull().references('institution.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('published_by', 'text', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('document_json', 'text', (c) => c.notNull())
    .addColumn('is_public', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('report_version_report_number_key', ['report_id', 'number'])
    .addCheckConstraint('report_version_number_check', sql`number >= 1`)
    .addCheckConstraint('report_version_public_check', sql`is_public in (0, 1)`)
    .execute();
  await db.schema
    .createIndex('report_version_institution_idx')
    .on('report_version')
    .columns(['institution_id', 'kind', 'year'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('report_version').execute();
  await db.schema.dropTable('report_comment').execute();
  await db.schema.dropTable('report_narrative').execute();
  await db.schema.dropTable('report').execute();
}
