import type { Kysely } from 'kysely';

// Rows are synchronised at start from data/sdg.json and data/plan-axes.json (versioned, sourced).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('sdg')
    .addColumn('number', 'integer', (c) => c.primaryKey())
    .addColumn('title_fr', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text', (c) => c.notNull())
    .addColumn('colour', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('plan_axis')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('title_fr', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('plan_axis').execute();
  await db.schema.dropTable('sdg').execute();
}
