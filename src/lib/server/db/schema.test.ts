import { expect, test } from 'vitest';
import { createEmptyDatabase, describeEachDialect, testDialects } from '../testing/databases';
import { listColumns, listTables } from './dialect';
import { migrateDownAll, migrateToLatest } from './migrate';
import type { DB } from './schema';

/**
 * The table interfaces, spelled as values so a test can compare them with the
 * migrated schema. `Record<keyof DB[T], true>` makes the type checker fail when
 * an interface gains or loses a column that is not listed here.
 */
type Columns<T extends keyof DB> = Record<keyof DB[T], true>;
const c = <T extends keyof DB>(cols: Columns<T>) => Object.keys(cols).sort();
const EXPECTED: { [T in keyof DB]: string[] } = {
  institution: c<'institution'>({
    id: true,
    slug: true,
    name: true,
    purpose_statement: true,
    ambition: true,
    values_text: true,
    created_at: true,
  }),
  org_unit: c<'org_unit'>({
    id: true,
    institution_id: true,
    parent_id: true,
    kind: true,
    name: true,
    short_name: true,
    purpose: true,
    aliases: true,
    position: true,
  }),
  person: c<'person'>({
    id: true,
    institution_id: true,
    display_name: true,
    family_name: true,
    initials: true,
    email: true,
    job_title: true,
    unit_id: true,
    created_at: true,
  }),
  team: c<'team'>({ id: true, institution_id: true, name: true, unit_id: true }),
  team_member: c<'team_member'>({ team_id: true, person_id: true }),
  working_group: c<'working_group'>({ id: true, institution_id: true, kind: true, name: true, purpose: true }),
  working_group_member: c<'working_group_member'>({
    id: true,
    group_id: true,
    person_id: true,
    role: true,
    unit_id: true,
  }),
  sdg: c<'sdg'>({ number: true, title_fr: true, title_en: true, colour: true }),
  plan_axis: c<'plan_axis'>({ code: true, position: true, title_fr: true, title_en: true }),
  plan: c<'plan'>({
    id: true,
    institution_id: true,
    kind: true,
    title: true,
    start_year: true,
    end_year: true,
    source_name: true,
    created_at: true,
  }),
  plan_means: c<'plan_means'>({
    id: true,
    plan_id: true,
    position: true,
    label: true,
    fte_ratio_milli: true,
    basis: true,
  }),
  workstream: c<'workstream'>({ id: true, plan_id: true, position: true, code: true, title: true, axis_code: true }),
  objective: c<'objective'>({ id: true, workstream_id: true, position: true, code: true, title: true }),
  target: c<'target'>({
    id: true,
    objective_id: true,
    position: true,
    label: true,
    baseline_value_milli: true,
    target_value_milli: true,
    unit: true,
    deadline: true,
    qualitative: true,
  }),
  action: c<'action'>({
    id: true,
    plan_id: true,
    workstream_id: true,
    objective_id: true,
    position: true,
    title: true,
    pilot_text: true,
    status: true,
    start_date: true,
    end_date: true,
    fte_milli: true,
    budget_cents: true,
    description: true,
    version: true,
    created_at: true,
    updated_at: true,
  }),
  action_pilot: c<'action_pilot'>({
    id: true,
    action_id: true,
    position: true,
    kind: true,
    label: true,
    person_id: true,
    team_id: true,
    unit_id: true,
  }),
  indicator: c<'indicator'>({
    id: true,
    plan_id: true,
    action_id: true,
    objective_id: true,
    target_id: true,
    position: true,
    name: true,
    unit: true,
    direction: true,
    kind: true,
    periodicity: true,
    baseline_value_milli: true,
    baseline_date: true,
    target_value_milli: true,
    target_date: true,
    responsible_person_id: true,
    source: true,
    source_key: true,
    version: true,
  }),
  action_sdg: c<'action_sdg'>({ action_id: true, sdg_number: true }),
  action_axis: c<'action_axis'>({ action_id: true, axis_code: true }),
  sdg_review: c<'sdg_review'>({
    id: true,
    plan_id: true,
    action_id: true,
    source_row: true,
    raw_cells: true,
    suggested_sdgs: true,
    reason_code: true,
    status: true,
    resolved_by: true,
    resolved_at: true,
  }),
  app_user: c<'app_user'>({
    id: true,
    email: true,
    display_name: true,
    password_hash: true,
    locale: true,
    person_id: true,
    disabled: true,
    created_at: true,
    last_login_at: true,
  }),
  membership: c<'membership'>({ user_id: true, institution_id: true, role: true }),
  session: c<'session'>({ id: true, user_id: true, created_at: true, expires_at: true }),
  login_attempt: c<'login_attempt'>({ id: true, key_hash: true, at: true }),
  audit_event: c<'audit_event'>({
    id: true,
    institution_id: true,
    actor_user_id: true,
    actor_label: true,
    at: true,
    entity_type: true,
    entity_id: true,
    operation: true,
    field: true,
    before_value: true,
    after_value: true,
  }),
  import_upload: c<'import_upload'>({
    id: true,
    institution_id: true,
    user_id: true,
    filename: true,
    byte_size: true,
    content_base64: true,
    source_kind: true,
    mapping_json: true,
    status: true,
    plan_id: true,
    report_json: true,
    created_at: true,
    committed_at: true,
  }),
  indicator_value: c<'indicator_value'>({
    id: true,
    indicator_id: true,
    period: true,
    period_start: true,
    period_end: true,
    version: true,
    is_current: true,
    value_milli: true,
    value_text: true,
    comment: true,
    evidence_url: true,
    evidence_file_id: true,
    state: true,
    return_reason: true,
    change_reason: true,
    entered_by: true,
    entered_by_label: true,
    entered_at: true,
    reviewed_by: true,
    reviewed_at: true,
    is_demo: true,
  }),
  evidence_file: c<'evidence_file'>({
    id: true,
    institution_id: true,
    filename: true,
    content_type: true,
    byte_size: true,
    sha256: true,
    content_base64: true,
    uploaded_by: true,
    uploaded_at: true,
  }),
  progress_setting: c<'progress_setting'>({
    institution_id: true,
    on_track_min_milli: true,
    at_risk_min_milli: true,
    grace_days: true,
    updated_at: true,
  }),
  job: c<'job'>({
    id: true,
    kind: true,
    dedupe_key: true,
    payload_json: true,
    run_at: true,
    status: true,
    attempts: true,
    locked_by: true,
    locked_at: true,
    finished_at: true,
    last_error: true,
  }),
  notification_sent: c<'notification_sent'>({
    id: true,
    dedupe_key: true,
    user_id: true,
    kind: true,
    recipient: true,
    subject: true,
    sent_at: true,
  }),
  notification_preference: c<'notification_preference'>({
    user_id: true,
    reminders: true,
    weekly_digest: true,
    updated_at: true,
  }),
  api_token: c<'api_token'>({
    id: true,
    user_id: true,
    name: true,
    token_hash: true,
    created_at: true,
    last_used_at: true,
    revoked_at: true,
  }),
};

const KYSELY_TABLES = ['kysely_migration', 'kysely_migration_lock'];

for (const dialect of testDialects()) {
  test(`migrations run up, down and up again on ${dialect}`, async () => {
    const { database, dispose } = await createEmptyDatabase(dialect);
    try {
      await migrateToLatest(database.db);
      const tables = (await listTables(database.db, dialect)).filter((t) => !KYSELY_TABLES.includes(t));
      expect(tables).toEqual(Object.keys(EXPECTED).sort());
      await migrateDownAll(database.db);
      expect((await listTables(database.db, dialect)).filter((t) => !KYSELY_TABLES.includes(t))).toEqual([]);
      const again = await migrateToLatest(database.db);
      expect(again.length).toBeGreaterThan(0);
      expect(await migrateToLatest(database.db)).toEqual([]);
    } finally {
      await dispose();
    }
  });
}

describeEachDialect('schema', (get) => {
  test('every table has exactly the columns its interface declares', async () => {
    const { db, dialect } = get();
    for (const [table, columns] of Object.entries(EXPECTED)) {
      expect({ table, columns: await listColumns(db, dialect, table) }).toEqual({ table, columns });
    }
  });
});
