import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // The day of each leg (a mission's legs may fall on different days); null for legs stored before, which
  // took the trip's date.
  await db.schema.alterTable('trip_leg').addColumn('leg_date', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('trip_leg').dropColumn('leg_date').execute();
}
