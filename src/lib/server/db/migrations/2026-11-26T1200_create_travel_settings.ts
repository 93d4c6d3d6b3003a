import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // One row per institution; no row means the defaults of features/travel/travel-settings.ts.
  await db.schema
    .createTable('travel_settings')
    .addColumn('institution_id', 'text', (c) => c.primaryKey().references('institution.id').onDelete('cascade'))
    .addColumn('method_key', 'text', (c) => c.notNull())
    .addColumn('contrails', 'integer', (c) => c.notNull().defaultTo(1))
    // Train-first thresholds in minutes: 4 h and 6 h (MTE/MATD instruction of 11 March 2025).
    .addColumn('train_justify_minutes', 'integer', (c) => c.notNull().defaultTo(240))
    .addColumn('train_flag_minutes', 'integer', (c) => c.notNull().defaultTo(360))
    .addColumn('name_travellers', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('app_user.id').onDelete('set null'))
    .addCheckConstraint('travel_settings_flags_check', sql`contrails in (0, 1) and name_travellers in (0, 1)`)
    .addCheckConstraint(
      'travel_settings_thresholds_check',
      sql`train_justify_minutes >= 0 and train_justify_minutes <= train_flag_minutes and train_flag_minutes <= 1440`,
    )
    .execute();

  // One row per recomputation, with totals and a bounded breakdown (details_json), never one row per leg.
  // Sums are bigint: a million legs of a few hundred kilograms overflow a 32-bit integer of grams.
  await db.schema
    .createTable('travel_recompute')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('institution_id', 'text', (c) => c.notNull().references('institution.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'text', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('actor_label', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('from_method_key', 'text', (c) => c.notNull())
    .addColumn('from_method_version', 'text', (c) => c.notNull())
    .addColumn('to_method_key', 'text', (c) => c.notNull())
    .addColumn('to_method_version', 'text', (c) => c.notNull())
    .addColumn('from_contrails', 'integer', (c) => c.notNull())
    .addColumn('to_contrails', 'integer', (c) => c.notNull())
    .addColumn('legs_examined', 'integer', (c) => c.notNull())
    .addColumn('legs_changed', 'integer', (c) => c.notNull())
    .addColumn('verdicts_changed', 'integer', (c) => c.notNull())
    .addColumn('emissions_before_g', 'bigint', (c) => c.notNull())
    .addColumn('emissions_after_g', 'bigint', (c) => c.notNull())
    .addColumn('contribution_before_cents', 'bigint', (c) => c.notNull())
    .addColumn('contribution_after_cents', 'bigint', (c) => c.notNull())
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .addColumn('details_json', 'text', (c) => c.notNull())
    .addCheckConstraint('travel_recompute_reason_check', sql`reason in ('settings', 'factor_set')`)
    .execute();
  await db.schema
    .createIndex('travel_recompute_institution_idx')
    .on('travel_recompute')
    .columns(['institution_id', 'created_at'])
    .execute();

  // Filled only when the institution chooses to name travellers; the pseudonym stays the reporting key.
  await db.schema.alterTable('trip').addColumn('traveller_label', 'text').execute();
  // A recomputation walks the institution's trips in id order, a page at a time (trip-recompute.queries.ts).
  await db.schema.createIndex('trip_institution_id_idx').on('trip').columns(['institution_id', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('trip_institution_id_idx').execute();
  await db.schema.alterTable('trip').dropColumn('traveller_label').execute();
  await db.schema.dropTable('travel_recompute').execute();
  await db.schema.dropTable('travel_settings').execute();
}
