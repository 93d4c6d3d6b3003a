import { type Kysely, sql } from 'kysely';

const KINDS = sql.raw(
  [
    'fete_de_la_science',
    'pint_of_science',
    'lecture_series',
    'school_intervention',
    'open_day',
    'conference',
    'exhibition',
    'other',
  ]
    .map((k) => `'${k}'`)
    .join(', '),
);
const FEATURES = sql.raw(
  ['french_sign_language', 'captioning', 'step_free_access', 'audio_description', 'easy_read', 'other']
    .map((k) => `'${k}'`)
    .join(', '),
);

export async function up(db: Kysely<any>): Promise<void> {
  // Attendance null = unknown; audiences (never queried) as JSON text; SDGs and accessibility in link tables.
  await db.schema
    .createTable('event')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('institution_id', 'text', (c) => c.notNull().references('institution.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('series_name', 'text')
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text')
    .addColumn('place', 'text')
    .addColumn('online', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('audiences_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('attendance', 'integer')
    .addColumn('partners', 'text')
    .addColumn('accessibility_note', 'text')
    .addColumn('description', 'text')
    .addColumn('url', 'text')
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint('event_kind_check', sql`kind in (${KINDS})`)
    .addCheckConstraint('event_dates_check', sql`end_date is null or start_date <= end_date`)
    .addCheckConstraint('event_attendance_check', sql`attendance is null or attendance >= 0`)
    .addCheckConstraint('event_flags_check', sql`online in (0, 1) and is_demo in (0, 1)`)
    .execute();
  await db.schema.createIndex('event_institution_idx').on('event').columns(['institution_id', 'start_date']).execute();

  await db.schema
    .createTable('event_sdg')
    .addColumn('event_id', 'text', (c) => c.notNull().references('event.id').onDelete('cascade'))
    .addColumn('sdg_number', 'integer', (c) => c.notNull().references('sdg.number'))
    .addPrimaryKeyConstraint('event_sdg_pk', ['event_id', 'sdg_number'])
    .execute();
  await db.schema.createIndex('event_sdg_number_idx').on('event_sdg').column('sdg_number').execute();

  await db.schema
    .createTable('event_organiser')
    .addColumn('event_id', 'text', (c) => c.notNull().references('event.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('person.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('event_organiser_pk', ['event_id', 'person_id'])
    .execute();
  await db.schema.createIndex('event_organiser_person_idx').on('event_organiser').column('person_id').execute();

  await db.schema
    .createTable('event_accessibility')
    .addColumn('event_id', 'text', (c) => c.notNull().references('event.id').onDelete('cascade'))
    .addColumn('feature', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('event_accessibility_pk', ['event_id', 'feature'])
    .addCheckConstraint('event_accessibility_feature_check', sql`feature in (${FEATURES})`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('event_accessibility').execute();
  await db.schema.dropTable('event_organiser').execute();
  await db.schema.dropTable('event_sdg').execute();
  await db.schema.dropTable('event').execute();
}
