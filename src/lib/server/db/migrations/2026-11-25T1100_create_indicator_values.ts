import type { Kysely } from 'kysely';

// SQLite accepts one ADD COLUMN per ALTER TABLE: one statement per column keeps both dialects happy.
const INDICATOR_COLUMNS: [string, 'text' | 'bigint' | 'integer', string | number | null][] = [
  ['direction', 'text', 'increase'],
  ['kind', 'text', 'number'],
  ['periodicity', 'text', 'year'],
  ['baseline_value_milli', 'bigint', null],
  ['baseline_date', 'text', null],
  ['target_value_milli', 'bigint', null],
  ['target_date', 'text', null],
  ['responsible_person_id', 'text', null],
  ['source', 'text', 'manual'],
  ['source_key', 'text', null],
  ['version', 'integer', 1],
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, type, fallback] of INDICATOR_COLUMNS) {
    await db.schema
      .alterTable('indicator')
      .addColumn(name, type, (c) => (fallback === null ? c : c.notNull().defaultTo(fallback)))
      .execute();
  }

  await db.schema
    .createTable('evidence_file')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('institution_id', 'text', (c) => c.notNull().references('institution.id').onDelete('cascade'))
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('byte_size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content_base64', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .execute();

  // Every version of every value is kept; exactly one row per (indicator, period) has is_current = 1.
  await db.schema
    .createTable('indicator_value')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('indicator_id', 'text', (c) => c.notNull().references('indicator.id').onDelete('cascade'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('period_start', 'text', (c) => c.notNull())
    .addColumn('period_end', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('is_current', 'integer', (c) => c.notNull())
    .addColumn('value_milli', 'bigint')
    .addColumn('value_text', 'text')
    .addColumn('comment', 'text')
    .addColumn('evidence_url', 'text')
    .addColumn('evidence_file_id', 'text', (c) => c.references('evidence_file.id').onDelete('set null'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('return_reason', 'text')
    .addColumn('change_reason', 'text')
    .addColumn('entered_by', 'text', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('entered_by_label', 'text', (c) => c.notNull())
    .addColumn('entered_at', 'text', (c) => c.notNull())
    .addColumn('reviewed_by', 'text', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('reviewed_at', 'text')
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('indicator_value_version_uq')
    .unique()
    .on('indicator_value')
    .columns(['indicator_id', 'period', 'version'])
    .execute();
  await db.schema
    .createIndex('indicator_value_current_idx')
    .on('indicator_value')
    .columns(['indicator_id', 'is_current', 'period_end'])
    .execute();

  await db.schema
    .createTable('progress_setting')
    .addColumn('institution_id', 'text', (c) => c.primaryKey().references('institution.id').onDelete('cascade'))
    .addColumn('on_track_min_milli', 'integer', (c) => c.notNull())
    .addColumn('at_risk_min_milli', 'integer', (c) => c.notNull())
    .addColumn('grace_days', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // Background jobs, claimed with a conditional update so several server processes never run one twice.
  await db.schema
    .createTable('job')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('payload_json', 'text', (c) => c.notNull())
    .addColumn('run_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_by', 'text')
    .addColumn('locked_at', 'text')
    .addColumn('finished_at', 'text')
    .addColumn('last_error', 'text')
    .execute();
  await db.schema.createIndex('job_due_idx').on('job').columns(['status', 'run_at']).execute();

  // One row per message ever sent: the unique key makes every reminder idempotent.
  await db.schema
    .createTable('notification_sent')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('user_id', 'text', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('notification_preference')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('app_user.id').onDelete('cascade'))
    .addColumn('reminders', 'integer', (c) => c.notNull())
    .addColumn('weekly_digest', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('api_token')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'api_token',
    'notification_preference',
    'notification_sent',
    'job',
    'progress_setting',
    'indicator_value',
    'evidence_file',
  ]) {
    await db.schema.dropTable(table).execute();
  }
  for (const [name] of [...INDICATOR_COLUMNS].reverse()) {
    await db.schema.alterTable('indicator').dropColumn(name).execute();
  }
}
