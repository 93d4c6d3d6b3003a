import type { Kysely } from 'kysely';
import { chunk } from '../../db/dialect';
import type { DB } from '../../db/schema';

/** Entity types of the history rows that belong to a plan's actions and indicators. */
export const PLAN_ENTITY_TYPES = ['action', 'indicator', 'indicator_value'] as const;
export type PlanEntityType = (typeof PLAN_ENTITY_TYPES)[number];

export interface AuditRow {
  id: string;
  at: string;
  actor_label: string;
  entity_type: string;
  entity_id: string;
  operation: string;
  field: string | null;
}

/**
 * The latest history rows of a plan's actions, indicators and indicator values,
 * newest first. One query; the three membership tests are semi-joins the
 * database resolves from the plan id.
 */
export async function listRecentPlanAudit(
  db: Kysely<DB>,
  institutionId: string,
  planId: string,
  limit: number,
): Promise<AuditRow[]> {
  return db
    .selectFrom('audit_event')
    .select(['id', 'at', 'actor_label', 'entity_type', 'entity_id', 'operation', 'field'])
    .where('institution_id', '=', institutionId)
    .where((eb) =>
      eb.or([
        eb.and([
          eb('entity_type', '=', 'action'),
          eb('entity_id', 'in', eb.selectFrom('action').select('action.id').where('action.plan_id', '=', planId)),
        ]),
        eb.and([
          eb('entity_type', '=', 'indicator'),
          eb(
            'entity_id',
            'in',
            eb.selectFrom('indicator').select('indicator.id').where('indicator.plan_id', '=', planId),
          ),
        ]),
        eb.and([
          eb('entity_type', '=', 'indicator_value'),
          eb(
            'entity_id',
            'in',
            eb
              .selectFrom('indicator_value')
              .innerJoin('indicator', 'indicator.id', 'indicator_value.indicator_id')
              .select('indicator_value.id')
              .where('indicator.plan_id', '=', planId),
          ),
        ]),
      ]),
    )
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export async function listActionTitles(db: Kysely<DB>, ids: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const part of chunk([...new Set(ids)])) {
    const rows = await db.selectFrom('action').select(['id', 'title']).where('id', 'in', part).execute();
    for (const r of rows) out.set(r.id, r.title);
  }
  return out;
}

export async function listIndicatorNames(db: Kysely<DB>, ids: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const part of chunk([...new Set(ids)])) {
    const rows = await db.selectFrom('indicator').select(['id', 'name']).where('id', 'in', part).execute();
    for (const r of rows) out.set(r.id, r.name);
  }
  return out;
}

/** For value rows: the indicator they belong to and their period. */
export async function listValueOwners(
  db: Kysely<DB>,
  ids: readonly string[],
): Promise<Map<string, { indicatorId: string; indicatorName: string; period: string }>> {
  const out = new Map<string, { indicatorId: string; indicatorName: string; period: string }>();
  for (const part of chunk([...new Set(ids)])) {
    const rows = await db
      .selectFrom('indicator_value')
      .innerJoin('indicator', 'indicator.id', 'indicator_value.indicator_id')
      .select(['indicator_value.id', 'indicator_value.period', 'indicator.id as indicator_id', 'indicator.name'])
      .where('indicator_value.id', 'in', part)
      .execute();
    for (const r of rows) out.set(r.id, { indicatorId: r.indicator_id, indicatorName: r.name, period: r.period });
  }
  return out;
}

export async function listPersonNames(
  db: Kysely<DB>,
  institutionId: string,
  ids: readonly string[],
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const part of chunk([...new Set(ids)])) {
    const rows = await db
      .selectFrom('person')
      .select(['id', 'display_name'])
      .where('institution_id', '=', institutionId)
      .where('id', 'in', part)
      .execute();
    for (const r of rows) out.set(r.id, r.display_name);
  }
  return out;
}

/** Whether the plan holds invented demo values (docs/demo-data.md): the dashboard says so. */
export async function planHasDemoValues(db: Kysely<DB>, planId: string): Promise<boolean> {
  const row = await db
    .selectFrom('indicator_value')
    .innerJoin('indicator', 'indicator.id', 'indicator_value.indicator_id')
    .select('indicator_value.id')
    .where('indicator.plan_id', '=', planId)
    .where('indicator_value.is_demo', '=', 1)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
