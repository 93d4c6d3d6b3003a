import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // What a person can do for the institution (today: 'facilitator', a trained "fresqueur").
  await db.schema
    .createTable('person_skill')
    .addColumn('person_id', 'text', (c) => c.notNull().references('person.id').onDelete('cascade'))
    .addColumn('skill', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('person_skill_pk', ['person_id', 'skill'])
    .execute();

  // Catalogue types live in code; only an institution's own types are rows.
  await db.schema
    .createTable('awareness_session_type')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('institution_id', 'text', (c) => c.notNull().references('institution.id').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('awareness_session_type_key_unique', ['institution_id', 'key'])
    .execute();

  await db.schema
    .createTable('awareness_session')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('institution_id', 'text', (c) => c.notNull().references('institution.id').onDelete('cascade'))
    .addColumn('type_key', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text')
    .addColumn('academic_year', 'text', (c) => c.notNull())
    .addColumn('online', 'integer', (c) => c.notNull())
    .addColumn('place', 'text')
    .addColumn('audience_note', 'text')
    .addColumn('unnamed_facilitators', 'integer', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint('awareness_session_online_check', sql`online in (0, 1)`)
    .addCheckConstraint('awareness_session_dates_check', sql`end_date is null or end_date >= start_date`)
    .addCheckConstraint('awareness_session_unnamed_check', sql`unnamed_facilitators >= 0`)
    .execute();
  await db.schema
    .createIndex('awareness_session_institution_idx')
    .on('awareness_session')
    .columns(['institution_id', 'start_date'])
    .execute();

  await db.schema
    .createTable('awareness_session_facilitator')
    .addColumn('session_id', 'text', (c) => c.notNull().references('awareness_session.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('person.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('awareness_session_facilitator_pk', ['session_id', 'person_id'])
    .execute();
  await db.schema
    .createIndex('awareness_session_facilitator_person_idx')
    .on('awareness_session_facilitator')
    .column('person_id')
    .execute();

  // A named participant; identity_key (see awareness.ts identityKeyOf) counts a person once across sessions.
  await db.schema
    .createTable('awareness_participant')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) => c.notNull().references('awareness_session.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.references('person.id').onDelete('set null'))
    .addColumn('identity_key', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('population', 'text', (c) => c.notNull())
    .addColumn('programme', 'text', (c) => c.notNull())
    .addColumn('study_year', 'integer')
    .addColumn('recorded_by', 'text', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('awareness_participant_identity_unique', ['session_id', 'identity_key'])
    .execute();

  // Anonymous counts: programme '' when the population has none (students may give one).
  await db.schema
    .createTable('awareness_anonymous_count')
    .addColumn('session_id', 'text', (c) => c.notNull().references('awareness_session.id').onDelete('cascade'))
    .addColumn('population', 'text', (c) => c.notNull())
    .addColumn('programme', 'text', (c) => c.notNull())
    .addColumn('participants', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('awareness_anonymous_count_pk', ['session_id', 'population', 'programme'])
    .addCheckConstraint('awareness_anonymous_count_check', sql`participants > 0`)
    .execute();

  await db.schema
    .createTable('awareness_headcount')
    .addColumn('institution_id', 'text', (c) => c.notNull().references('institution.id').onDelete('cascade'))
    .addColumn('academic_year', 'text', (c) => c.notNull())
    .addColumn('population', 'text', (c) => c.notNull())
    .addColumn('programme', 'text', (c) => c.notNull())
    .addColumn('headcount', 'integer', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('awareness_headcount_pk', ['institution_id', 'academic_year', 'population', 'programme'])
    .addCheckConstraint('awareness_headcount_check', sql`headcount > 0`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('awareness_headcount').execute();
  await db.schema.dropTable('awareness_anonymous_count').execute();
  await db.schema.dropTable('awareness_participant').execute();
  await db.schema.dropTable('awareness_session_facilitator').execute();
  await db.schema.dropTable('awareness_session').execute();
  await db.schema.dropTable('awareness_session_type').execute();
  await db.schema.dropTable('person_skill').execute();
}
