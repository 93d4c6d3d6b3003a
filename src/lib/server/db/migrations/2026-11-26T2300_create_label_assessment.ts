import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // The institution's own list of DD&RS label criteria: retired ones stay, with their past assessments.
  await db.schema
    .createTable('label_criterion')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('institution_id', 'text', (c) => c.notNull().references('institution.id').onDelete('cascade'))
    .addColumn('axis_code', 'text', (c) => c.notNull().references('plan_axis.code'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('title_fr', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text', (c) => c.notNull())
    .addColumn('is_placeholder', 'integer', (c) => c.notNull())
    .addColumn('source', 'text')
    .addColumn('retired_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('label_criterion_code_unique', ['institution_id', 'code'])
    .addCheckConstraint('label_criterion_placeholder_check', sql`is_placeholder in (0, 1)`)
    .execute();
  await db.schema
    .createIndex('label_criterion_axis_idx')
    .on('label_criterion')
    .columns(['institution_id', 'axis_code', 'position'])
    .execute();

  // One self-assessment per institution and year: a draft, then submitted (frozen).
  await db.schema
    .createTable('label_assessment')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('institution_id', 'text', (c) => c.notNull().references('institution.id').onDelete('cascade'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('copied_from_year', 'integer')
    .addColumn('created_by', 'text', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('submitted_by', 'text', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('submitted_at', 'text')
    .addUniqueConstraint('label_assessment_year_unique', ['institution_id', 'year'])
    .addCheckConstraint('label_assessment_status_check', sql`status in ('draft', 'submitted')`)
    .execute();

  await db.schema
    .createTable('label_assessment_item')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('assessment_id', 'text', (c) => c.notNull().references('label_assessment.id').onDelete('cascade'))
    .addColumn('criterion_id', 'text', (c) => c.notNull().references('label_criterion.id').onDelete('cascade'))
    .addColumn('level', 'integer')
    .addColumn('justification', 'text')
    .addColumn('updated_by', 'text', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('label_assessment_item_unique', ['assessment_id', 'criterion_id'])
    .addCheckConstraint('label_assessment_item_level_check', sql`level is null or (level >= 1 and level <= 5)`)
    .execute();

  // Evidence of one criterion's assessment: a plan action, an indicator, a web address or an uploaded file.
  await db.schema
    .createTable('label_evidence')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('item_id', 'text', (c) => c.notNull().references('label_assessment_item.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('action_id', 'text', (c) => c.references('action.id').onDelete('set null'))
    .addColumn('indicator_id', 'text', (c) => c.references('indicator.id').onDelete('set null'))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('url', 'text')
    .addColumn('content_type', 'text')
    .addColumn('byte_size', 'integer')
    .addColumn('sha256', 'text')
    .addColumn('content_base64', 'text')
    .addColumn('created_by', 'text', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addCheckConstraint('label_evidence_kind_check', sql`kind in ('action', 'indicator', 'url', 'file')`)
    .execute();
  await db.schema.createIndex('label_evidence_item_idx').on('label_evidence').column('item_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('label_evidence').execute();
  await db.schema.dropTable('label_assessment_item').execute();
  await db.schema.dropTable('label_assessment').execute();
  await db.schema.dropTable('label_criterion').execute();
}
