import type { Kysely } from 'kysely';

/**
 * Indexes the dashboards need on a large institution (bench/dashboard): a
 * plan's indicators, reached from the plan before their values (without it
 * SQLite scans every value of the institution), and the latest audit events
 * of an institution for "recent changes".
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('indicator_plan_idx').on('indicator').columns(['plan_id', 'position']).execute();
  await db.schema
    .createIndex('audit_event_institution_at_idx')
    .on('audit_event')
    .columns(['institution_id', 'at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('audit_event_institution_at_idx').execute();
  await db.schema.dropIndex('indicator_plan_idx').execute();
}
