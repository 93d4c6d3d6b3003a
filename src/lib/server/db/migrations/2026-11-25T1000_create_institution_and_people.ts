import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('institution')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('purpose_statement', 'text')
    .addColumn('ambition', 'text')
    .addColumn('values_text', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('org_unit')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('institution_id', 'text', (c) => c.notNull().references('institution.id').onDelete('cascade'))
    .addColumn('parent_id', 'text', (c) => c.references('org_unit.id').onDelete('set null'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('short_name', 'text')
    .addColumn('purpose', 'text')
    // JSON array of other names the unit goes by in spreadsheets ("SG/Div Immob"), used to match pilots on import.
    .addColumn('aliases', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('org_unit_institution_idx').on('org_unit').column('institution_id').execute();

  await db.schema
    .createTable('person')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('institution_id', 'text', (c) => c.notNull().references('institution.id').onDelete('cascade'))
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('family_name', 'text')
    .addColumn('initials', 'text')
    .addColumn('email', 'text')
    .addColumn('job_title', 'text')
    .addColumn('unit_id', 'text', (c) => c.references('org_unit.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('person_institution_idx')
    .on('person')
    .columns(['institution_id', 'family_name'])
    .execute();

  await db.schema
    .createTable('team')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('institution_id', 'text', (c) => c.notNull().references('institution.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.references('org_unit.id').onDelete('set null'))
    .execute();

  await db.schema
    .createTable('team_member')
    .addColumn('team_id', 'text', (c) => c.notNull().references('team.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('person.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('team_member_pk', ['team_id', 'person_id'])
    .execute();

  await db.schema
    .createTable('working_group')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('institution_id', 'text', (c) => c.notNull().references('institution.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text')
    .execute();

  await db.schema
    .createTable('working_group_member')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('group_id', 'text', (c) => c.notNull().references('working_group.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('person.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.references('org_unit.id').onDelete('set null'))
    .execute();
  // One referent per directorate in a group (the steering committee rule).
  await db.schema
    .createIndex('working_group_member_one_referent_per_unit')
    .unique()
    .on('working_group_member')
    .columns(['group_id', 'unit_id'])
    .where(sql.ref('role'), '=', 'referent')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'working_group_member',
    'working_group',
    'team_member',
    'team',
    'person',
    'org_unit',
    'institution',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
