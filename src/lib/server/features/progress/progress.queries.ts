import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { COUNTED_STATES } from './progress';

export interface IndicatorRow {
  id: string;
  plan_id: string;
  action_id: string | null;
  objective_id: string | null;
  target_id: string | null;
  position: number;
  name: string;
  unit: string | null;
  direction: string;
  kind: string;
  periodicity: string;
  baseline_value_milli: number | null;
  baseline_date: string | null;
  target_value_milli: number | null;
  target_date: string | null;
  responsible_person_id: string | null;
  source: string;
}

export interface ValueRow {
  indicator_id: string;
  period: string;
  period_end: string;
  value_milli: number | null;
  value_text: string | null;
  state: string;
}

/** Everything progress needs for one plan or every plan of an institution. */
export interface ProgressInputs {
  plans: { id: string; title: string }[];
  workstreams: { id: string; plan_id: string; code: string | null; title: string; axis_code: string | null }[];
  objectives: { id: string; workstream_id: string; code: string | null; title: string }[];
  targets: { id: string; objective_id: string }[];
  actions: { id: string; plan_id: string; workstream_id: string; objective_id: string | null; title: string }[];
  actionSdgs: { action_id: string; sdg_number: number }[];
  actionAxes: { action_id: string; axis_code: string }[];
  indicators: IndicatorRow[];
  /** Current versions in a counted state, ordered by indicator then period end. */
  values: ValueRow[];
}

const INDICATOR_COLUMNS = [
  'indicator.id',
  'indicator.plan_id',
  'indicator.action_id',
  'indicator.objective_id',
  'indicator.target_id',
  'indicator.position',
  'indicator.name',
  'indicator.unit',
  'indicator.direction',
  'indicator.kind',
  'indicator.periodicity',
  'indicator.baseline_value_milli',
  'indicator.baseline_date',
  'indicator.target_value_milli',
  'indicator.target_date',
  'indicator.responsible_person_id',
  'indicator.source',
] as const;

const VALUE_COLUMNS = [
  'indicator_value.indicator_id',
  'indicator_value.period',
  'indicator_value.period_end',
  'indicator_value.value_milli',
  'indicator_value.value_text',
  'indicator_value.state',
] as const;

/**
 * Nine queries whatever the size: every list is joined to its plan and
 * filtered by institution (and plan), so no IN list grows with the data.
 */
export async function loadProgressInputs(
  db: Kysely<DB>,
  institutionId: string,
  planId?: string,
): Promise<ProgressInputs> {
  const inScope = planId !== undefined;
  const planIdValue = planId ?? '';
  const [plans, workstreams, objectives, targets, actions, actionSdgs, actionAxes, indicators, values] =
    await Promise.all([
      db
        .selectFrom('plan')
        .select(['plan.id', 'plan.title'])
        .where('plan.institution_id', '=', institutionId)
        .$if(inScope, (q) => q.where('plan.id', '=', planIdValue))
        .orderBy('plan.start_year', 'desc')
        .orderBy('plan.created_at')
        .execute(),
      db
        .selectFrom('workstream')
        .innerJoin('plan', 'plan.id', 'workstream.plan_id')
        .select(['workstream.id', 'workstream.plan_id', 'workstream.code', 'workstream.title', 'workstream.axis_code'])
        .where('plan.institution_id', '=', institutionId)
        .$if(inScope, (q) => q.where('plan.id', '=', planIdValue))
        .orderBy('workstream.position')
        .execute(),
      db
        .selectFrom('objective')
        .innerJoin('workstream', 'workstream.id', 'objective.workstream_id')
        .innerJoin('plan', 'plan.id', 'workstream.plan_id')
        .select(['objective.id', 'objective.workstream_id', 'objective.code', 'objective.title'])
        .where('plan.institution_id', '=', institutionId)
        .$if(inScope, (q) => q.where('plan.id', '=', planIdValue))
        .orderBy('workstream.position')
        .orderBy('objective.position')
        .execute(),
      db
        .selectFrom('target')
        .innerJoin('objective', 'objective.id', 'target.objective_id')
        .innerJoin('workstream', 'workstream.id', 'objective.workstream_id')
        .innerJoin('plan', 'plan.id', 'workstream.plan_id')
        .select(['target.id', 'target.objective_id'])
        .where('plan.institution_id', '=', institutionId)
        .$if(inScope, (q) => q.where('plan.id', '=', planIdValue))
        .execute(),
      db
        .selectFrom('action')
        .innerJoin('plan', 'plan.id', 'action.plan_id')
        .select(['action.id', 'action.plan_id', 'action.workstream_id', 'action.objective_id', 'action.title'])
        .where('plan.institution_id', '=', institutionId)
        .$if(inScope, (q) => q.where('plan.id', '=', planIdValue))
        .execute(),
      db
        .selectFrom('action_sdg')
        .innerJoin('action', 'action.id', 'action_sdg.action_id')
        .innerJoin('plan', 'plan.id', 'action.plan_id')
        .select(['action_sdg.action_id', 'action_sdg.sdg_number'])
        .where('plan.institution_id', '=', institutionId)
        .$if(inScope, (q) => q.where('plan.id', '=', planIdValue))
        .execute(),
      db
        .selectFrom('action_axis')
        .innerJoin('action', 'action.id', 'action_axis.action_id')
        .innerJoin('plan', 'plan.id', 'action.plan_id')
        .select(['action_axis.action_id', 'action_axis.axis_code'])
        .where('plan.institution_id', '=', institutionId)
        .$if(inScope, (q) => q.where('plan.id', '=', planIdValue))
        .execute(),
      db
        .selectFrom('indicator')
        .innerJoin('plan', 'plan.id', 'indicator.plan_id')
        .select(INDICATOR_COLUMNS)
        .where('plan.institution_id', '=', institutionId)
        .$if(inScope, (q) => q.where('plan.id', '=', planIdValue))
        .orderBy('indicator.position')
        .execute(),
      db
        .selectFrom('indicator_value')
        .innerJoin('indicator', 'indicator.id', 'indicator_value.indicator_id')
        .innerJoin('plan', 'plan.id', 'indicator.plan_id')
        .select(VALUE_COLUMNS)
        .where('plan.institution_id', '=', institutionId)
        .$if(inScope, (q) => q.where('plan.id', '=', planIdValue))
        .where('indicator_value.is_current', '=', 1)
        .where('indicator_value.state', 'in', COUNTED_STATES)
        .orderBy('indicator_value.indicator_id')
        .orderBy('indicator_value.period_end')
        .execute(),
    ]);
  return { plans, workstreams, objectives, targets, actions, actionSdgs, actionAxes, indicators, values };
}

/** The inputs for one indicator of the institution (its attachment, its values); undefined when it is not the institution's. */
export async function loadIndicatorInputs(db: Kysely<DB>, institutionId: string, indicatorId: string) {
  const indicator = await db
    .selectFrom('indicator')
    .innerJoin('plan', 'plan.id', 'indicator.plan_id')
    .select(INDICATOR_COLUMNS)
    .where('plan.institution_id', '=', institutionId)
    .where('indicator.id', '=', indicatorId)
    .executeTakeFirst();
  if (!indicator) return undefined;
  const actionId = indicator.action_id ?? '';
  const [action, objectives, target, actionSdgs, actionAxes, values] = await Promise.all([
    db
      .selectFrom('action')
      .select(['id', 'plan_id', 'workstream_id', 'objective_id', 'title'])
      .where('id', '=', actionId)
      .executeTakeFirst(),
    db
      .selectFrom('objective')
      .innerJoin('workstream', 'workstream.id', 'objective.workstream_id')
      .select(['objective.id', 'objective.workstream_id', 'objective.code', 'objective.title'])
      .where('workstream.plan_id', '=', indicator.plan_id)
      .execute(),
    db
      .selectFrom('target')
      .select(['id', 'objective_id'])
      .where('id', '=', indicator.target_id ?? '')
      .executeTakeFirst(),
    db.selectFrom('action_sdg').select(['action_id', 'sdg_number']).where('action_id', '=', actionId).execute(),
    db.selectFrom('action_axis').select(['action_id', 'axis_code']).where('action_id', '=', actionId).execute(),
    db
      .selectFrom('indicator_value')
      .select(VALUE_COLUMNS)
      .where('indicator_value.indicator_id', '=', indicatorId)
      .where('indicator_value.is_current', '=', 1)
      .where('indicator_value.state', 'in', COUNTED_STATES)
      .orderBy('indicator_value.period_end')
      .execute(),
  ]);
  const workstreams = await db
    .selectFrom('workstream')
    .select(['id', 'plan_id', 'code', 'title', 'axis_code'])
    .where('plan_id', '=', indicator.plan_id)
    .execute();
  const plan = await db.selectFrom('plan').select(['id', 'title']).where('id', '=', indicator.plan_id).execute();
  return {
    plans: plan,
    workstreams,
    objectives,
    targets: target ? [target] : [],
    actions: action ? [action] : [],
    actionSdgs,
    actionAxes,
    indicators: [indicator],
    values,
  } satisfies ProgressInputs;
}

export async function findProgressSettingRow(db: Kysely<DB>, institutionId: string) {
  return db.selectFrom('progress_setting').selectAll().where('institution_id', '=', institutionId).executeTakeFirst();
}
