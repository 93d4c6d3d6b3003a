/**
 * Reads of the public portal. Each query selects named PUBLIC columns only
 * (never pilots, people, comments, evidence or who entered a value), so a
 * column added later to a table cannot reach the portal by accident.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';

export function findInstitutionBySlug(db: Kysely<DB>, slug: string) {
  return db
    .selectFrom('institution')
    .select(['id', 'slug', 'name', 'purpose_statement'])
    .where('slug', '=', slug)
    .executeTakeFirst();
}

export function findPortalSettingsRow(db: Kysely<DB>, institutionId: string) {
  return db.selectFrom('portal_settings').selectAll().where('institution_id', '=', institutionId).executeTakeFirst();
}

/** Whether the institution publishes its answered ideas (the ideas module's own setting). */
export async function isIdeasListPublic(db: Kysely<DB>, institutionId: string): Promise<boolean> {
  const row = await db
    .selectFrom('idea_settings')
    .select('public_list')
    .where('institution_id', '=', institutionId)
    .executeTakeFirst();
  return Number(row?.public_list ?? 0) === 1;
}

export function listPublicPlans(db: Kysely<DB>, institutionId: string) {
  return db
    .selectFrom('plan')
    .select(['id', 'title', 'start_year', 'end_year'])
    .where('institution_id', '=', institutionId)
    .orderBy('start_year', 'desc')
    .orderBy('created_at')
    .execute();
}

/** The public structure of one plan: titles, codes, statuses, dates, SDG and axis tags. Seven queries. */
export async function loadPublicPlanRows(db: Kysely<DB>, planId: string) {
  const [workstreams, objectives, targets, actions, actionSdgs, actionAxes, indicators] = await Promise.all([
    db
      .selectFrom('workstream')
      .select(['id', 'plan_id', 'code', 'title', 'axis_code'])
      .where('plan_id', '=', planId)
      .orderBy('position')
      .execute(),
    db
      .selectFrom('objective')
      .innerJoin('workstream', 'workstream.id', 'objective.workstream_id')
      .select(['objective.id', 'objective.workstream_id', 'objective.code', 'objective.title'])
      .where('workstream.plan_id', '=', planId)
      .orderBy('workstream.position')
      .orderBy('objective.position')
      .execute(),
    db
      .selectFrom('target')
      .innerJoin('objective', 'objective.id', 'target.objective_id')
      .innerJoin('workstream', 'workstream.id', 'objective.workstream_id')
      .select([
        'target.id',
        'target.objective_id',
        'target.label',
        'target.baseline_value_milli',
        'target.target_value_milli',
        'target.unit',
        'target.deadline',
      ])
      .where('workstream.plan_id', '=', planId)
      .orderBy('workstream.position')
      .orderBy('objective.position')
      .orderBy('target.position')
      .execute(),
    db
      .selectFrom('action')
      .select(['id', 'plan_id', 'workstream_id', 'objective_id', 'title', 'status', 'start_date', 'end_date'])
      .where('plan_id', '=', planId)
      .orderBy('position')
      .execute(),
    db
      .selectFrom('action_sdg')
      .innerJoin('action', 'action.id', 'action_sdg.action_id')
      .select(['action_sdg.action_id', 'action_sdg.sdg_number'])
      .where('action.plan_id', '=', planId)
      .orderBy('action_sdg.sdg_number')
      .execute(),
    db
      .selectFrom('action_axis')
      .innerJoin('action', 'action.id', 'action_axis.action_id')
      .select(['action_axis.action_id', 'action_axis.axis_code'])
      .where('action.plan_id', '=', planId)
      .execute(),
    db
      .selectFrom('indicator')
      .select([
        'id',
        'plan_id',
        'action_id',
        'objective_id',
        'target_id',
        'position',
        'name',
        'unit',
        'direction',
        'kind',
        'periodicity',
        'baseline_value_milli',
        'baseline_date',
        'target_value_milli',
        'target_date',
        'source',
      ])
      .where('plan_id', '=', planId)
      .orderBy('position')
      .execute(),
  ]);
  return { workstreams, objectives, targets, actions, actionSdgs, actionAxes, indicators };
}

export type PublicPlanRows = Awaited<ReturnType<typeof loadPublicPlanRows>>;

/** Every validated version of the plan's values (the rule picking the latest one is pure: latestValidated). */
export function listValidatedValueVersions(db: Kysely<DB>, planId: string) {
  return db
    .selectFrom('indicator_value')
    .innerJoin('indicator', 'indicator.id', 'indicator_value.indicator_id')
    .select([
      'indicator_value.indicator_id',
      'indicator_value.period',
      'indicator_value.period_start',
      'indicator_value.period_end',
      'indicator_value.version',
      'indicator_value.state',
      'indicator_value.value_milli',
      'indicator_value.value_text',
      'indicator_value.reviewed_at',
    ])
    .where('indicator.plan_id', '=', planId)
    .where('indicator_value.state', '=', 'validated')
    .orderBy('indicator_value.indicator_id')
    .orderBy('indicator_value.period_end')
    .execute();
}

export type ValidatedValueRow = Awaited<ReturnType<typeof listValidatedValueVersions>>[number];

/** Published report versions the institution left public, newest first (no document body). */
export function listPublicReportVersions(db: Kysely<DB>, institutionId: string) {
  return db
    .selectFrom('report_version')
    .select(['id', 'kind', 'year', 'number', 'title', 'lang', 'published_at'])
    .where('institution_id', '=', institutionId)
    .where('is_public', '=', 1)
    .orderBy('published_at', 'desc')
    .execute();
}

export function findPublicReportVersion(db: Kysely<DB>, institutionId: string, id: string) {
  return db
    .selectFrom('report_version')
    .select(['id', 'title', 'year', 'number', 'lang', 'document_json'])
    .where('institution_id', '=', institutionId)
    .where('id', '=', id)
    .where('is_public', '=', 1)
    .executeTakeFirst();
}
