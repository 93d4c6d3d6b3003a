import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // The status (planned, active, ended) is derived from the dates, never stored; money in cents.
  await db.schema
    .createTable('research_project')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('institution_id', 'text', (c) => c.notNull().references('institution.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('acronym', 'text')
    .addColumn('team_unit_id', 'text', (c) => c.references('org_unit.id').onDelete('set null'))
    .addColumn('team_text', 'text')
    .addColumn('lead_person_id', 'text', (c) => c.references('person.id').onDelete('set null'))
    .addColumn('start_date', 'text')
    .addColumn('end_date', 'text')
    .addColumn('funder', 'text')
    .addColumn('programme', 'text')
    .addColumn('amount_cents', 'integer')
    .addColumn('description', 'text')
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint('research_project_amount_check', sql`amount_cents is null or amount_cents >= 0`)
    .addCheckConstraint(
      'research_project_dates_check',
      sql`start_date is null or end_date is null or start_date <= end_date`,
    )
    .addCheckConstraint('research_project_demo_check', sql`is_demo in (0, 1)`)
    .execute();
  await db.schema
    .createIndex('research_project_institution_idx')
    .on('research_project')
    .columns(['institution_id', 'start_date'])
    .execute();

  await db.schema
    .createTable('research_project_sdg')
    .addColumn('project_id', 'text', (c) => c.notNull().references('research_project.id').onDelete('cascade'))
    .addColumn('sdg_number', 'integer', (c) => c.notNull().references('sdg.number'))
    .addPrimaryKeyConstraint('research_project_sdg_pk', ['project_id', 'sdg_number'])
    .execute();
  await db.schema
    .createIndex('research_project_sdg_number_idx')
    .on('research_project_sdg')
    .column('sdg_number')
    .execute();

  // A partner of the partner list, or a name typed for one not yet in it.
  await db.schema
    .createTable('research_project_partner')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('research_project.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('partner_id', 'text', (c) => c.references('partner.id').onDelete('cascade'))
    .addColumn('partner_name', 'text')
    .addCheckConstraint('research_project_partner_kind_check', sql`(partner_id is null) <> (partner_name is null)`)
    .addUniqueConstraint('research_project_partner_unique', ['project_id', 'partner_id'])
    .execute();
  await db.schema
    .createIndex('research_project_partner_partner_idx')
    .on('research_project_partner')
    .column('partner_id')
    .execute();

  // One row per HAL deposit and institution: a new import of the same hal_id updates it.
  await db.schema
    .createTable('research_publication')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('institution_id', 'text', (c) => c.notNull().references('institution.id').onDelete('cascade'))
    .addColumn('hal_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('doc_type', 'text')
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('full_text', 'integer', (c) => c.notNull())
    .addColumn('open_access', 'integer', (c) => c.notNull())
    .addColumn('licence', 'text')
    .addColumn('open_licence', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('research_publication_hal_unique', ['institution_id', 'hal_id'])
    .addCheckConstraint(
      'research_publication_flags_check',
      sql`full_text in (0, 1) and open_access in (0, 1) and open_licence in (0, 1)`,
    )
    .execute();
  await db.schema
    .createIndex('research_publication_year_idx')
    .on('research_publication')
    .columns(['institution_id', 'year'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('research_publication').execute();
  await db.schema.dropTable('research_project_partner').execute();
  await db.schema.dropTable('research_project_sdg').execute();
  await db.schema.dropTable('research_project').execute();
}
