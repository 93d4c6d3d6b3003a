import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('plan')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('institution_id', 'text', (c) => c.notNull().references('institution.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('start_year', 'integer')
    .addColumn('end_year', 'integer')
    .addColumn('source_name', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('plan_means')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plan.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('fte_ratio_milli', 'integer')
    .addColumn('basis', 'text')
    .execute();

  await db.schema
    .createTable('workstream')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plan.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('code', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('axis_code', 'text', (c) => c.references('plan_axis.code'))
    .execute();
  await db.schema.createIndex('workstream_plan_idx').on('workstream').column('plan_id').execute();

  await db.schema
    .createTable('objective')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workstream_id', 'text', (c) => c.notNull().references('workstream.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('code', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('objective_workstream_idx').on('objective').column('workstream_id').execute();

  await db.schema
    .createTable('target')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('objective_id', 'text', (c) => c.notNull().references('objective.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('baseline_value_milli', 'bigint')
    .addColumn('target_value_milli', 'bigint')
    .addColumn('unit', 'text')
    .addColumn('deadline', 'text')
    .addColumn('qualitative', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('target_objective_idx').on('target').column('objective_id').execute();

  await db.schema
    .createTable('action')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plan.id').onDelete('cascade'))
    .addColumn('workstream_id', 'text', (c) => c.notNull().references('workstream.id').onDelete('cascade'))
    .addColumn('objective_id', 'text', (c) => c.references('objective.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('pilot_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('start_date', 'text')
    .addColumn('end_date', 'text')
    .addColumn('fte_milli', 'integer')
    .addColumn('budget_cents', 'bigint')
    .addColumn('description', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('action_plan_idx').on('action').columns(['plan_id', 'position']).execute();

  await db.schema
    .createTable('action_pilot')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('action_id', 'text', (c) => c.notNull().references('action.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.references('person.id').onDelete('set null'))
    .addColumn('team_id', 'text', (c) => c.references('team.id').onDelete('set null'))
    .addColumn('unit_id', 'text', (c) => c.references('org_unit.id').onDelete('set null'))
    .execute();
  await db.schema.createIndex('action_pilot_action_idx').on('action_pilot').column('action_id').execute();
  await db.schema.createIndex('action_pilot_person_idx').on('action_pilot').column('person_id').execute();

  await db.schema
    .createTable('indicator')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plan.id').onDelete('cascade'))
    .addColumn('action_id', 'text', (c) => c.references('action.id').onDelete('cascade'))
    .addColumn('objective_id', 'text', (c) => c.references('objective.id').onDelete('cascade'))
    .addColumn('target_id', 'text', (c) => c.references('target.id').onDelete('set null'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('unit', 'text')
    .execute();
  await db.schema.createIndex('indicator_action_idx').on('indicator').column('action_id').execute();

  await db.schema
    .createTable('action_sdg')
    .addColumn('action_id', 'text', (c) => c.notNull().references('action.id').onDelete('cascade'))
    .addColumn('sdg_number', 'integer', (c) => c.notNull().references('sdg.number'))
    .addPrimaryKeyConstraint('action_sdg_pk', ['action_id', 'sdg_number'])
    .execute();
  await db.schema.createIndex('action_sdg_sdg_idx').on('action_sdg').column('sdg_number').execute();

  await db.schema
    .createTable('action_axis')
    .addColumn('action_id', 'text', (c) => c.notNull().references('action.id').onDelete('cascade'))
    .addColumn('axis_code', 'text', (c) => c.notNull().references('plan_axis.code'))
    .addPrimaryKeyConstraint('action_axis_pk', ['action_id', 'axis_code'])
    .execute();

  await db.schema
    .createTable('sdg_review')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plan.id').onDelete('cascade'))
    .addColumn('action_id', 'text', (c) => c.notNull().references('action.id').onDelete('cascade'))
    .addColumn('source_row', 'integer', (c) => c.notNull())
    .addColumn('raw_cells', 'text', (c) => c.notNull())
    .addColumn('suggested_sdgs', 'text', (c) => c.notNull())
    .addColumn('reason_code', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('resolved_by', 'text')
    .addColumn('resolved_at', 'text')
    .execute();
  await db.schema.createIndex('sdg_review_plan_idx').on('sdg_review').columns(['plan_id', 'status']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'sdg_review',
    'action_axis',
    'action_sdg',
    'indicator',
    'action_pilot',
    'action',
    'target',
    'objective',
    'workstream',
    'plan_means',
    'plan',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
