import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';

/** Every indicator of a plan, in plan order. */
export async function listPlanIndicators(db: Kysely<DB>, planId: string) {
  return db.selectFrom('indicator').selectAll().where('plan_id', '=', planId).orderBy('position').execute();
}

/** An indicator of the institution with its responsible person's name; undefined for another institution's. */
export async function findIndicatorRow(db: Kysely<DB>, institutionId: string, indicatorId: string) {
  return db
    .selectFrom('indicator')
    .innerJoin('plan', 'plan.id', 'indicator.plan_id')
    .leftJoin('person', 'person.id', 'indicator.responsible_person_id')
    .selectAll('indicator')
    .select(['person.display_name as responsible_name'])
    .where('indicator.id', '=', indicatorId)
    .where('plan.institution_id', '=', institutionId)
    .executeTakeFirst();
}

/**
 * Values of the given indicators: the current version of each period, or every
 * version with `history`. Ordered by indicator, period, then version.
 */
export async function listValueRows(
  db: Kysely<DB>,
  filter: { indicatorId: string } | { planId: string },
  history: boolean,
) {
  let q = db
    .selectFrom('indicator_value')
    .innerJoin('indicator', 'indicator.id', 'indicator_value.indicator_id')
    .leftJoin('app_user as reviewer', 'reviewer.id', 'indicator_value.reviewed_by')
    .selectAll('indicator_value')
    .select(['reviewer.display_name as reviewed_by_label', 'indicator.position as indicator_position']);
  q =
    'indicatorId' in filter
      ? q.where('indicator_value.indicator_id', '=', filter.indicatorId)
      : q.where('indicator.plan_id', '=', filter.planId);
  if (!history) q = q.where('indicator_value.is_current', '=', 1);
  return q
    .orderBy('indicator.position')
    .orderBy('indicator_value.indicator_id')
    .orderBy('indicator_value.period_start')
    .orderBy('indicator_value.version')
    .execute();
}

export type ValueRow = Awaited<ReturnType<typeof listValueRows>>[number];
export type IndicatorRow = Awaited<ReturnType<typeof listPlanIndicators>>[number];
