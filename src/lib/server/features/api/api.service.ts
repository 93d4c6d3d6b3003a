/**
 * Read use cases of the JSON API. Each takes the token's user and answers
 * undefined for a row that does not exist or belongs to another institution
 * (the route turns both into the same 404).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { SessionUser } from '../auth';
import { getActionPage, listPlans, loadPlanTree } from '../plan';
import {
  type ApiAction,
  type ApiIndicator,
  type ApiPlan,
  type ApiPlanSummary,
  type ApiValue,
  actionDto,
  indicatorDto,
  indicatorSummaryDto,
  planDto,
  planSummaryDto,
  valueDto,
} from './api';
import { findIndicatorRow, listPlanIndicators, listValueRows } from './api.queries';

export async function apiListPlans(db: Kysely<DB>, user: SessionUser): Promise<ApiPlanSummary[]> {
  return (await listPlans(db, user.institutionId)).map(planSummaryDto);
}

export async function apiGetPlan(db: Kysely<DB>, user: SessionUser, planId: string): Promise<ApiPlan | undefined> {
  const tree = await loadPlanTree(db, user.institutionId, planId);
  if (!tree) return undefined;
  return planDto(tree, await listPlanIndicators(db, planId));
}

export interface ApiActionDetail extends ApiAction {
  plan: { id: string; title: string };
  workstream: { id: string; title: string };
  objective: { id: string; title: string } | null;
  version: number;
  updatedAt: string;
}

export async function apiGetAction(
  db: Kysely<DB>,
  user: SessionUser,
  actionId: string,
): Promise<ApiActionDetail | undefined> {
  const page = await getActionPage(db, user, actionId);
  if (!page) return undefined;
  const rows = await db.selectFrom('indicator').selectAll().where('action_id', '=', actionId).execute();
  const a = page.action;
  return {
    ...actionDto(a, new Map(rows.map((r) => [r.id, indicatorSummaryDto(r)]))),
    plan: { id: page.planId, title: page.planTitle },
    workstream: { id: a.workstreamId, title: page.workstreamTitle },
    objective: a.objectiveId && page.objectiveTitle !== null ? { id: a.objectiveId, title: page.objectiveTitle } : null,
    version: page.version,
    updatedAt: page.updatedAt,
  };
}

export async function apiGetIndicator(
  db: Kysely<DB>,
  user: SessionUser,
  indicatorId: string,
): Promise<ApiIndicator | undefined> {
  const row = await findIndicatorRow(db, user.institutionId, indicatorId);
  return row ? indicatorDto(row) : undefined;
}

export interface ApiValueList {
  indicatorId: string;
  unit: string | null;
  history: boolean;
  values: ApiValue[];
}

/** The current value of each period, or with `history` every version ever entered (oldest first within a period). */
export async function apiListIndicatorValues(
  db: Kysely<DB>,
  user: SessionUser,
  indicatorId: string,
  options: { history: boolean },
): Promise<ApiValueList | undefined> {
  const indicator = await findIndicatorRow(db, user.institutionId, indicatorId);
  if (!indicator) return undefined;
  const rows = await listValueRows(db, { indicatorId }, options.history);
  return {
    indicatorId,
    unit: indicator.unit,
    history: options.history,
    values: rows.map((r) => valueDto(r, indicator.unit)),
  };
}
