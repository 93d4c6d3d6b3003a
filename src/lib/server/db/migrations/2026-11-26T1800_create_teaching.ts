import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Academic years by their first calendar year; hours in minutes; flags 0/1.
  await db.schema
    .createTable('teaching_programme')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('institution_id', 'text', (c) => c.notNull().references('institution.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('department_id', 'text', (c) => c.references('org_unit.id').onDelete('set null'))
    .addColumn('active_from_year', 'integer')
    .addColumn('active_to_year', 'integer')
    .addColumn('student_count', 'integer')
    .addColumn('addresses_res', 'integer', (c) => c.notNull())
    .addColumn('res_since_year', 'integer')
    .addColumn('res_evidence', 'text')
    .addColumn('res_evidence_url', 'text')
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint(
      'teaching_programme_level_check',
      sql`level in ('bachelor', 'master', 'engineer', 'doctorate', 'apprenticeship', 'continuing', 'other')`,
    )
    .addCheckConstraint('teaching_programme_flags_check', sql`addresses_res in (0, 1) and is_demo in (0, 1)`)
    .addCheckConstraint(
      'teaching_programme_years_check',
      sql`active_from_year is null or active_to_year is null or active_from_year <= active_to_year`,
    )
    .addCheckConstraint('teaching_programme_students_check', sql`student_count is null or student_count >= 0`)
    .execute();
  // Programmes are matched by name on import: one name per institution.
  await db.schema
    .createIndex('teaching_programme_name_key')
    .on('teaching_programme')
    .columns(['institution_id', 'name'])
    .unique()
    .execute();

  await db.schema
    .createTable('teaching_course')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('institution_id', 'text', (c) => c.notNull().references('institution.id').onDelete('cascade'))
    .addColumn('programme_id', 'text', (c) => c.notNull().references('teaching_programme.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('hours_minutes', 'integer')
    .addColumn('semester', 'text')
    .addColumn('department_id', 'text', (c) => c.references('org_unit.id').onDelete('set null'))
    .addColumn('active_from_year', 'integer')
    .addColumn('active_to_year', 'integer')
    .addColumn('addresses_res', 'integer', (c) => c.notNull())
    .addColumn('res_evidence', 'text')
    .addColumn('res_evidence_url', 'text')
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint('teaching_course_flags_check', sql`addresses_res in (0, 1) and is_demo in (0, 1)`)
    .addCheckConstraint('teaching_course_hours_check', sql`hours_minutes is null or hours_minutes >= 0`)
    .execute();
  await db.schema
    .createIndex('teaching_course_programme_name_key')
    .on('teaching_course')
    .columns(['programme_id', 'name'])
    .unique()
    .execute();
  await db.schema
    .createIndex('teaching_course_institution_idx')
    .on('teaching_course')
    .column('institution_id')
    .execute();

  await db.schema
    .createTable('teaching_feedback')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('institution_id', 'text', (c) => c.notNull().references('institution.id').onDelete('cascade'))
    .addColumn('course_id', 'text', (c) => c.notNull().references('teaching_course.id').onDelete('cascade'))
    .addColumn('academic_year', 'integer', (c) => c.notNull())
    .addColumn('enrolled', 'integer', (c) => c.notNull())
    .addColumn('respondents', 'integer', (c) => c.notNull())
    .addColumn('res_link_count', 'integer')
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addCheckConstraint(
      'teaching_feedback_counts_check',
      sql`enrolled >= 1 and respondents >= 0 and respondents <= enrolled and (res_link_count is null or (res_link_count >= 0 and res_link_count <= respondents))`,
    )
    .execute();
  await db.schema
    .createIndex('teaching_feedback_course_year_key')
    .on('teaching_feedback')
    .columns(['course_id', 'academic_year'])
    .unique()
    .execute();
  await db.schema
    .createIndex('teaching_feedback_institution_idx')
    .on('teaching_feedback')
    .columns(['institution_id', 'academic_year'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('teaching_feedback').execute();
  await db.schema.dropTable('teaching_course').execute();
  await db.schema.dropTable('teaching_programme').execute();
}
