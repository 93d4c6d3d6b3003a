import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import {
  type ActionStatus,
  type ActionView,
  type AxisCode,
  isActionStatus,
  isAxisCode,
  type PlanSummary,
  type PlanTree,
  type WorkstreamView,
} from './plan';

function toSummary(
  row: { id: string; title: string; kind: string; start_year: number | null; end_year: number | null },
  actionCount: number,
  openReviews: number,
): PlanSummary {
  return {
    id: row.id,
    title: row.title,
    kind: row.kind === 'yearly' ? 'yearly' : 'multi_year',
    startYear: row.start_year,
    endYear: row.end_year,
    actionCount,
    openReviews,
  };
}

export async function listPlans(db: Kysely<DB>, institutionId: string): Promise<PlanSummary[]> {
  const plans = await db
    .selectFrom('plan')
    .select(['id', 'title', 'kind', 'start_year', 'end_year'])
    .where('institution_id', '=', institutionId)
    .orderBy('start_year', 'desc')
    .orderBy('created_at')
    .execute();
  const counts = await db
    .selectFrom('action')
    .innerJoin('plan', 'plan.id', 'action.plan_id')
    .select(['action.plan_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('plan.institution_id', '=', institutionId)
    .groupBy('action.plan_id')
    .execute();
  const reviews = await db
    .selectFrom('sdg_review')
    .innerJoin('plan', 'plan.id', 'sdg_review.plan_id')
    .select(['sdg_review.plan_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('plan.institution_id', '=', institutionId)
    .where('sdg_review.status', '=', 'open')
    .groupBy('sdg_review.plan_id')
    .execute();
  const byPlan = new Map(counts.map((c) => [c.plan_id, Number(c.n)]));
  const reviewsByPlan = new Map(reviews.map((c) => [c.plan_id, Number(c.n)]));
  return plans.map((p) => toSummary(p, byPlan.get(p.id) ?? 0, reviewsByPlan.get(p.id) ?? 0));
}

export async function findPlanSummary(
  db: Kysely<DB>,
  institutionId: string,
  planId: string,
): Promise<PlanSummary | undefined> {
  const plans = await listPlans(db, institutionId);
  return plans.find((p) => p.id === planId);
}

/** The whole plan in a fixed number of queries, whatever its size. */
export async function loadPlanTree(
  db: Kysely<DB>,
  institutionId: string,
  planId: string,
): Promise<PlanTree | undefined> {
  const plan = await findPlanSummary(db, institutionId, planId);
  if (!plan) return undefined;
  const [means, workstreams, objectives, targets, actions, pilots, sdgs, axes, indicators, referents] =
    await Promise.all([
      db.selectFrom('plan_means').selectAll().where('plan_id', '=', planId).orderBy('position').execute(),
      db.selectFrom('workstream').selectAll().where('plan_id', '=', planId).orderBy('position').execute(),
      db
        .selectFrom('objective')
        .innerJoin('workstream', 'workstream.id', 'objective.workstream_id')
        .selectAll('objective')
        .where('workstream.plan_id', '=', planId)
        .orderBy('objective.position')
        .execute(),
      db
        .selectFrom('target')
        .innerJoin('objective', 'objective.id', 'target.objective_id')
        .innerJoin('workstream', 'workstream.id', 'objective.workstream_id')
        .selectAll('target')
        .where('workstream.plan_id', '=', planId)
        .orderBy('target.position')
        .execute(),
      db.selectFrom('action').selectAll().where('plan_id', '=', planId).orderBy('position').execute(),
      db
        .selectFrom('action_pilot')
        .innerJoin('action', 'action.id', 'action_pilot.action_id')
        .selectAll('action_pilot')
        .where('action.plan_id', '=', planId)
        .orderBy('action_pilot.position')
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
        .innerJoin('plan_axis', 'plan_axis.code', 'action_axis.axis_code')
        .select(['action_axis.action_id', 'action_axis.axis_code'])
        .where('action.plan_id', '=', planId)
        .orderBy('plan_axis.position')
        .execute(),
      db.selectFrom('indicator').selectAll().where('plan_id', '=', planId).orderBy('position').execute(),
      countReferents(db, institutionId),
    ]);

  const group = <T, K>(rows: T[], key: (r: T) => K) => {
    const m = new Map<K, T[]>();
    for (const r of rows) {
      const k = key(r);
      const list = m.get(k);
      if (list) list.push(r);
      else m.set(k, [r]);
    }
    return m;
  };
  const pilotsBy = group(pilots, (p) => p.action_id);
  const sdgsBy = group(sdgs, (s) => s.action_id);
  const axesBy = group(axes, (a) => a.action_id);
  const indicatorsBy = group(
    indicators.filter((i) => i.action_id),
    (i) => i.action_id,
  );
  const targetsBy = group(targets, (t) => t.objective_id);

  const actionViews: ActionView[] = actions.map((a) => ({
    id: a.id,
    position: a.position,
    title: a.title,
    status: (isActionStatus(a.status) ? a.status : 'not_started') as ActionStatus,
    pilotText: a.pilot_text,
    pilots: (pilotsBy.get(a.id) ?? []).map((p) => ({
      kind: p.kind,
      label: p.label,
      personId: p.person_id,
      teamId: p.team_id,
      unitId: p.unit_id,
    })),
    sdgs: (sdgsBy.get(a.id) ?? []).map((s) => s.sdg_number),
    axes: (axesBy.get(a.id) ?? []).map((x) => x.axis_code).filter(isAxisCode) as AxisCode[],
    indicators: (indicatorsBy.get(a.id) ?? []).map((i) => ({ id: i.id, name: i.name, unit: i.unit })),
    startDate: a.start_date,
    endDate: a.end_date,
    fteMilli: a.fte_milli,
    budgetCents: a.budget_cents,
    description: a.description,
    workstreamId: a.workstream_id,
    objectiveId: a.objective_id,
  }));
  const actionsByObjective = group(
    actionViews.filter((a) => a.objectiveId),
    (a) => a.objectiveId,
  );
  const objectivesBy = group(objectives, (o) => o.workstream_id);

  const tree: WorkstreamView[] = workstreams.map((w) => ({
    id: w.id,
    code: w.code,
    title: w.title,
    axis: isAxisCode(w.axis_code) ? w.axis_code : null,
    objectives: (objectivesBy.get(w.id) ?? []).map((o) => ({
      id: o.id,
      code: o.code,
      title: o.title,
      targets: (targetsBy.get(o.id) ?? []).map((t) => ({
        id: t.id,
        label: t.label,
        baselineValue: t.baseline_value_milli === null ? null : t.baseline_value_milli / 1000,
        targetValue: t.target_value_milli === null ? null : t.target_value_milli / 1000,
        unit: t.unit,
        deadline: t.deadline,
        qualitative: Boolean(t.qualitative),
      })),
      actions: actionsByObjective.get(o.id) ?? [],
    })),
    actions: actionViews.filter((a) => a.workstreamId === w.id && !a.objectiveId),
  }));

  return {
    plan,
    means: means.map((m) => ({
      label: m.label,
      fteRatioMilli: m.fte_ratio_milli,
      basis: m.basis,
      fteMilli:
        m.fte_ratio_milli !== null && m.basis === 'steering_committee_referents' ? m.fte_ratio_milli * referents : null,
    })),
    workstreams: tree,
  };
}

/** Referents of the institution's steering committee (the basis of the plan's cross-cutting means). */
export async function countReferents(db: Kysely<DB>, institutionId: string): Promise<number> {
  const row = await db
    .selectFrom('working_group_member')
    .innerJoin('working_group', 'working_group.id', 'working_group_member.group_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('working_group.institution_id', '=', institutionId)
    .where('working_group.kind', '=', 'steering_committee')
    .where('working_group_member.role', '=', 'referent')
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function findActionRow(db: Kysely<DB>, institutionId: string, actionId: string) {
  return db
    .selectFrom('action')
    .innerJoin('plan', 'plan.id', 'action.plan_id')
    .selectAll('action')
    .select(['plan.title as plan_title'])
    .where('action.id', '=', actionId)
    .where('plan.institution_id', '=', institutionId)
    .executeTakeFirst();
}

export async function listOpenSdgReviews(db: Kysely<DB>, institutionId: string, planId?: string) {
  let q = db
    .selectFrom('sdg_review')
    .innerJoin('plan', 'plan.id', 'sdg_review.plan_id')
    .innerJoin('action', 'action.id', 'sdg_review.action_id')
    .select([
      'sdg_review.id',
      'sdg_review.plan_id',
      'sdg_review.action_id',
      'sdg_review.source_row',
      'sdg_review.raw_cells',
      'sdg_review.suggested_sdgs',
      'sdg_review.reason_code',
      'action.title as action_title',
      'plan.title as plan_title',
    ])
    .where('plan.institution_id', '=', institutionId)
    .where('sdg_review.status', '=', 'open');
  if (planId) q = q.where('sdg_review.plan_id', '=', planId);
  const rows = await q.orderBy('sdg_review.source_row').execute();
  return rows.map((r) => ({
    id: r.id,
    planId: r.plan_id,
    planTitle: r.plan_title,
    actionId: r.action_id,
    actionTitle: r.action_title,
    sourceRow: r.source_row,
    rawCells: JSON.parse(r.raw_cells) as string[],
    suggestedSdgs: JSON.parse(r.suggested_sdgs) as number[],
    reasonCode: r.reason_code,
  }));
}
