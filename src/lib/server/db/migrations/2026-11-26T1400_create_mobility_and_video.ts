import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Students appear only as a pseudonym (student_key); money in cents, coordinates in microdegrees.
  await db.schema
    .createTable('student_mobility')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('institution_id', 'text', (c) => c.notNull().references('institution.id').onDelete('cascade'))
    .addColumn('academic_year', 'text', (c) => c.notNull())
    .addColumn('departure_date', 'text')
    .addColumn('destination_text', 'text', (c) => c.notNull())
    .addColumn('destination_name', 'text', (c) => c.notNull())
    .addColumn('destination_country', 'text', (c) => c.notNull())
    .addColumn('destination_lat_micro', 'integer', (c) => c.notNull())
    .addColumn('destination_lon_micro', 'integer', (c) => c.notNull())
    .addColumn('programme', 'text')
    .addColumn('unit_id', 'text', (c) => c.references('org_unit.id').onDelete('set null'))
    .addColumn('student_key', 'text', (c) => c.notNull())
    .addColumn('rail_aid_cents', 'integer', (c) => c.notNull())
    .addColumn('outbound_mode', 'text', (c) => c.notNull())
    .addColumn('trip_id', 'text', (c) => c.references('trip.id').onDelete('set null'))
    .addColumn('created_by', 'text', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addCheckConstraint('student_mobility_rail_aid_check', sql`rail_aid_cents >= 0`)
    .execute();
  await db.schema
    .createIndex('student_mobility_institution_idx')
    .on('student_mobility')
    .columns(['institution_id', 'academic_year'])
    .execute();

  // A meeting held in person has no avoided trip: its emissions avoided are 0.
  await db.schema
    .createTable('video_meeting')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('institution_id', 'text', (c) => c.notNull().references('institution.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('international', 'integer', (c) => c.notNull())
    .addColumn('held_by_video', 'integer', (c) => c.notNull())
    .addColumn('meeting_date', 'text', (c) => c.notNull())
    .addColumn('participants', 'integer', (c) => c.notNull())
    .addColumn('from_text', 'text')
    .addColumn('from_name', 'text')
    .addColumn('from_country', 'text')
    .addColumn('from_lat_micro', 'integer')
    .addColumn('from_lon_micro', 'integer')
    .addColumn('to_text', 'text')
    .addColumn('to_name', 'text')
    .addColumn('to_country', 'text')
    .addColumn('to_lat_micro', 'integer')
    .addColumn('to_lon_micro', 'integer')
    .addColumn('mode', 'text')
    .addColumn('round_trip', 'integer', (c) => c.notNull())
    .addColumn('distance_m', 'integer')
    .addColumn('avoided_emissions_g', 'integer', (c) => c.notNull())
    .addColumn('method_key', 'text')
    .addColumn('method_version', 'text')
    .addColumn('factor_key', 'text')
    .addColumn('steps_json', 'text')
    .addColumn('created_by', 'text', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addCheckConstraint('video_meeting_kind_check', sql`kind in ('recruitment_interview', 'jury', 'other')`)
    .addCheckConstraint('video_meeting_flags_check', sql`international in (0, 1) and held_by_video in (0, 1)`)
    .addCheckConstraint('video_meeting_participants_check', sql`participants >= 1`)
    .addCheckConstraint(
      'video_meeting_avoided_check',
      sql`avoided_emissions_g >= 0 and (held_by_video = 1 or avoided_emissions_g = 0)`,
    )
    .execute();
  await db.schema
    .createIndex('video_meeting_institution_idx')
    .on('video_meeting')
    .columns(['institution_id', 'meeting_date'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('video_meeting').execute();
  await db.schema.dropTable('student_mobility').execute();
}
