import { type Kysely, sql } from 'kysely';

const list = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));
const KINDS = list([
  'competitiveness_cluster',
  'university',
  'research_body',
  'company',
  'ngo',
  'un_body',
  'local_authority',
  'school',
  'other',
]);
const ROLES = list([
  'member',
  'administrator',
  'board_member',
  'committee_chair',
  'steering_committee_member',
  'founding_member',
  'other',
]);
const AGREEMENT_KINDS = list(['framework', 'research', 'teaching', 'membership', 'internship', 'other']);

export async function up(db: Kysely<any>): Promise<void> {
  // A partner of the institution; its roles, SDGs, agreements and contacts live in child tables.
  await db.schema
    .createTable('partner')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('institution_id', 'text', (c) => c.notNull().references('institution.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('started_on', 'text')
    .addColumn('ended_on', 'text')
    .addColumn('website', 'text')
    .addColumn('description', 'text')
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('partner_name_unique', ['institution_id', 'name'])
    .addCheckConstraint('partner_kind_check', sql`kind in (${KINDS})`)
    .addCheckConstraint('partner_dates_check', sql`started_on is null or ended_on is null or started_on <= ended_on`)
    .addCheckConstraint('partner_flags_check', sql`is_demo in (0, 1)`)
    .execute();

  // Several roles per partner, each with an optional free-text detail ("supervisory board").
  await db.schema
    .createTable('partner_role')
    .addColumn('partner_id', 'text', (c) => c.notNull().references('partner.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .addPrimaryKeyConstraint('partner_role_pk', ['partner_id', 'role'])
    .addCheckConstraint('partner_role_role_check', sql`role in (${ROLES})`)
    .execute();
  await db.schema.createIndex('partner_role_role_idx').on('partner_role').column('role').execute();

  await db.schema
    .createTable('partner_sdg')
    .addColumn('partner_id', 'text', (c) => c.notNull().references('partner.id').onDelete('cascade'))
    .addColumn('sdg_number', 'integer', (c) => c.notNull().references('sdg.number'))
    .addPrimaryKeyConstraint('partner_sdg_pk', ['partner_id', 'sdg_number'])
    .execute();
  await db.schema.createIndex('partner_sdg_number_idx').on('partner_sdg').column('sdg_number').execute();

  // The signed file (optional) is kept in the database as base64, like evidence files.
  await db.schema
    .createTable('partner_agreement')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partner_id', 'text', (c) => c.notNull().references('partner.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('signed_on', 'text')
    .addColumn('starts_on', 'text')
    .addColumn('ends_on', 'text')
    .addColumn('renewal_notice_days', 'integer', (c) => c.notNull().defaultTo(90))
    .addColumn('file_name', 'text')
    .addColumn('file_content_type', 'text')
    .addColumn('file_byte_size', 'integer')
    .addColumn('file_sha256', 'text')
    .addColumn('file_content_base64', 'text')
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint('partner_agreement_kind_check', sql`kind in (${AGREEMENT_KINDS})`)
    .addCheckConstraint(
      'partner_agreement_dates_check',
      sql`starts_on is null or ends_on is null or starts_on <= ends_on`,
    )
    .addCheckConstraint('partner_agreement_notice_check', sql`renewal_notice_days >= 0 and renewal_notice_days <= 3650`)
    .addCheckConstraint('partner_agreement_file_check', sql`(file_name is null) = (file_content_base64 is null)`)
    .addCheckConstraint('partner_agreement_flags_check', sql`is_demo in (0, 1)`)
    .execute();
  await db.schema.createIndex('partner_agreement_partner_idx').on('partner_agreement').column('partner_id').execute();
  await db.schema.createIndex('partner_agreement_ends_idx').on('partner_agreement').column('ends_on').execute();

  // Personal data: shown to admin, committee and pilots only.
  await db.schema
    .createTable('partner_contact')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partner_id', 'text', (c) => c.notNull().references('partner.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text')
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('partner_contact_partner_idx').on('partner_contact').column('partner_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('partner_contact').execute();
  await db.schema.dropTable('partner_agreement').execute();
  await db.schema.dropTable('partner_sdg').execute();
  await db.schema.dropTable('partner_role').execute();
  await db.schema.dropTable('partner').execute();
}
