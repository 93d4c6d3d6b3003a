import { type Kysely, sql } from 'kysely';

const STATUSES = sql`('received', 'under_study', 'accepted', 'rejected', 'turned_into_action', 'done')`;
const MODERATION = sql`('visible', 'hidden', 'pending_review')`;

export async function up(db: Kysely<any>): Promise<void> {
  // The author is kept even for an anonymous idea (abuse handling); pages never show it.
  await db.schema
    .createTable('idea')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('institution_id', 'text', (c) => c.notNull().references('institution.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('anonymous', 'integer', (c) => c.notNull())
    .addColumn('author_user_id', 'text', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('axis_code', 'text', (c) => c.references('plan_axis.code'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('public_answer', 'text')
    .addColumn('moderation_state', 'text', (c) => c.notNull())
    .addColumn('moderation_reason', 'text')
    .addColumn('moderated_by', 'text', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('moderated_at', 'text')
    .addColumn('merged_into_id', 'text', (c) => c.references('idea.id').onDelete('set null'))
    .addColumn('action_id', 'text', (c) => c.references('action.id').onDelete('set null'))
    .addColumn('submitted_on', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint('idea_anonymous_check', sql`anonymous in (0, 1)`)
    .addCheckConstraint('idea_status_check', sql`status in ${STATUSES}`)
    .addCheckConstraint('idea_moderation_check', sql`moderation_state in ${MODERATION}`)
    .execute();
  await db.schema.createIndex('idea_institution_idx').on('idea').columns(['institution_id', 'submitted_on']).execute();
  await db.schema.createIndex('idea_author_idx').on('idea').column('author_user_id').execute();
  await db.schema.createIndex('idea_action_idx').on('idea').column('action_id').execute();

  await db.schema
    .createTable('idea_sdg')
    .addColumn('idea_id', 'text', (c) => c.notNull().references('idea.id').onDelete('cascade'))
    .addColumn('sdg_number', 'integer', (c) => c.notNull().references('sdg.number'))
    .addPrimaryKeyConstraint('idea_sdg_pk', ['idea_id', 'sdg_number'])
    .execute();

  await db.schema
    .createTable('idea_attachment')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('idea_id', 'text', (c) => c.notNull().references('idea.id').onDelete('cascade'))
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('byte_size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content_base64', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('idea_attachment_idea_idx').on('idea_attachment').column('idea_id').execute();

  // One support per person and idea: the primary key refuses a second one.
  await db.schema
    .createTable('idea_support')
    .addColumn('idea_id', 'text', (c) => c.notNull().references('idea.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('idea_support_pk', ['idea_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('idea_comment')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('idea_id', 'text', (c) => c.notNull().references('idea.id').onDelete('cascade'))
    .addColumn('author_user_id', 'text', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('author_label', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('moderation_state', 'text', (c) => c.notNull())
    .addColumn('moderation_reason', 'text')
    .addColumn('moderated_by', 'text', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('moderated_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addCheckConstraint('idea_comment_moderation_check', sql`moderation_state in ${MODERATION}`)
    .execute();
  await db.schema.createIndex('idea_comment_idea_idx').on('idea_comment').column('idea_id').execute();

  // Once per person and item.
  await db.schema
    .createTable('idea_report')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('institution_id', 'text', (c) => c.notNull().references('institution.id').onDelete('cascade'))
    .addColumn('item_kind', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('idea_id', 'text', (c) => c.notNull().references('idea.id').onDelete('cascade'))
    .addColumn('reporter_user_id', 'text', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('reviewed_at', 'text')
    .addUniqueConstraint('idea_report_once_unique', ['item_kind', 'item_id', 'reporter_user_id'])
    .addCheckConstraint('idea_report_kind_check', sql`item_kind in ('idea', 'comment')`)
    .execute();

  await db.schema
    .createTable('idea_status_change')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('idea_id', 'text', (c) => c.notNull().references('idea.id').onDelete('cascade'))
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('answer', 'text')
    .addColumn('changed_by', 'text', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('changed_by_label', 'text', (c) => c.notNull())
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('idea_status_change_idea_idx').on('idea_status_change').column('idea_id').execute();

  await db.schema
    .createTable('idea_settings')
    .addColumn('institution_id', 'text', (c) => c.primaryKey().references('institution.id').onDelete('cascade'))
    .addColumn('report_threshold', 'integer', (c) => c.notNull())
    .addColumn('public_list', 'integer', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint('idea_settings_threshold_check', sql`report_threshold >= 1`)
    .addCheckConstraint('idea_settings_public_check', sql`public_list in (0, 1)`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'idea_settings',
    'idea_status_change',
    'idea_report',
    'idea_comment',
    'idea_support',
    'idea_attachment',
    'idea_sdg',
    'idea',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
