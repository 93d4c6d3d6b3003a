import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // traveller_key is the pseudonym reports use; declared_by only answers "my trips".
  await db.schema
    .createTable('trip')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('institution_id', 'text', (c) => c.notNull().references('institution.id').onDelete('cascade'))
    .addColumn('mission_ref', 'text')
    .addColumn('purpose', 'text')
    .addColumn('traveller_category', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.references('org_unit.id').onDelete('set null'))
    .addColumn('traveller_key', 'text', (c) => c.notNull())
    .addColumn('declared_by', 'text', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('trip_date', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('declared'))
    .addColumn('justification', 'text')
    .execute();
  await db.schema.createIndex('trip_declared_by_idx').on('trip').columns(['declared_by', 'trip_date']).execute();
  await db.schema.createIndex('trip_institution_idx').on('trip').columns(['institution_id', 'trip_date']).execute();

  // Integers only: microdegrees, metres, mg per unit, grams, cents (see travel.table.ts).
  await db.schema
    .createTable('trip_leg')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('trip_id', 'text', (c) => c.notNull().references('trip.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('from_text', 'text', (c) => c.notNull())
    .addColumn('from_name', 'text', (c) => c.notNull())
    .addColumn('from_country', 'text', (c) => c.notNull())
    .addColumn('from_lat_micro', 'integer', (c) => c.notNull())
    .addColumn('from_lon_micro', 'integer', (c) => c.notNull())
    .addColumn('to_text', 'text', (c) => c.notNull())
    .addColumn('to_name', 'text', (c) => c.notNull())
    .addColumn('to_country', 'text', (c) => c.notNull())
    .addColumn('to_lat_micro', 'integer', (c) => c.notNull())
    .addColumn('to_lon_micro', 'integer', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('cabin_class', 'text')
    .addColumn('round_trip', 'integer', (c) => c.notNull())
    .addColumn('passengers', 'integer', (c) => c.notNull())
    .addColumn('contrails', 'integer', (c) => c.notNull())
    .addColumn('method_key', 'text', (c) => c.notNull())
    .addColumn('method_version', 'text', (c) => c.notNull())
    .addColumn('factor_key', 'text', (c) => c.notNull())
    .addColumn('factor_value_milli', 'integer', (c) => c.notNull())
    .addColumn('factor_unit', 'text', (c) => c.notNull())
    .addColumn('factor_source', 'text', (c) => c.notNull())
    .addColumn('great_circle_m', 'integer', (c) => c.notNull())
    .addColumn('distance_m', 'integer', (c) => c.notNull())
    .addColumn('emissions_g', 'integer', (c) => c.notNull())
    .addColumn('train_hours_milli', 'integer')
    .addColumn('train_verdict', 'text', (c) => c.notNull())
    .addColumn('price_cents_per_tonne', 'integer', (c) => c.notNull())
    .addColumn('contribution_cents', 'integer', (c) => c.notNull())
    .addColumn('steps_json', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('trip_leg_position_uq')
    .unique()
    .on('trip_leg')
    .columns(['trip_id', 'position'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('trip_leg').execute();
  await db.schema.dropTable('trip').execute();
}
