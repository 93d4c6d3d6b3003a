import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { listPlans } from '../plan';
import { cachedProgress, getPlanProgress, type ProgressStatus, type RollUp, type StatusCounts } from '../progress';
import {
  type AuditRow,
  listActionTitles,
  listIndicatorNames,
  listPersonNames,
  listRecentPlanAudit,
  listValueOwners,
  type PlanEntityType,
  planHasDemoValues,
} from './dashboard.queries';

/** How many overdue updates the overview lists; the total is always given. */
export const OVERDUE_SHOWN = 20;
/** How many changes "recent changes" lists. */
export const RECENT_CHANGES = 10;
/** History rows read to build them: one change writes one row per field it touches. */
const RECENT_ROWS = 100;

export interface ProgressLine {
  progress: number | null;
  status: ProgressStatus;
  statusCounts: StatusCounts;
  indicatorCount: number;
}

export interface OverdueUpdate {
  indicatorId: string;
  indicatorName: string;
  actionId: string | null;
  actionTitle: string | null;
  responsible: string | null;
  period: string;
  dueDate: string;
  daysLate: number;
}

export interface RecentChange {
  at: string;
  actorLabel: string;
  operation: string;
  entityType: PlanEntityType;
  /** What the link points to: the action, or the indicator (of the value). */
  target: { kind: 'action' | 'indicator'; id: string; title: string };
  /** The period, for a value. */
  period: string | null;
  fields: string[];
}

export interface PlanDashboard {
  plan: { id: string; title: string } & ProgressLine;
  workstreams: ({ id: string; code: string | null; title: string } & ProgressLine)[];
  sdgs: ({ sdg: number } & ProgressLine)[];
  axes: ({ axis: string } & ProgressLine)[];
  overdue: OverdueUpdate[];
  overdueTotal: number;
  recentChanges: RecentChange[];
  /** Some values are invented demo figures. */
  hasDemoValues: boolean;
}

export interface DashboardPage {
  plans: { id: string; title: string }[];
  /** null when the institution has no plan yet. */
  dashboard: PlanDashboard | null;
}

const lineOf = (r: RollUp): ProgressLine => ({
  progress: r.progress,
  status: r.status,
  statusCounts: r.statusCounts,
  indicatorCount: r.indicatorCount,
});

/**
 * The plan overview: status counts, progress per workstream, SDG and axis,
 * overdue updates and the latest changes, on `today` (ISO date). Without a
 * plan id, the first plan. Undefined when the plan is not the institution's.
 * Everything on it changes only with a write, which leaves an audit event:
 * the whole page's data is reused while the data stamp holds (ADR 5).
 */
export async function getPlanDashboard(
  db: Kysely<DB>,
  institutionId: string,
  planId: string | undefined,
  today: string,
): Promise<DashboardPage | undefined> {
  return cachedProgress(db, institutionId, `dashboard|${planId ?? ''}|${today}`, () =>
    buildPlanDashboard(db, institutionId, planId, today),
  );
}

async function buildPlanDashboard(
  db: Kysely<DB>,
  institutionId: string,
  planId: string | undefined,
  today: string,
): Promise<DashboardPage | undefined> {
  const plans = (await listPlans(db, institutionId)).map((p) => ({ id: p.id, title: p.title }));
  const chosen = planId ?? plans[0]?.id;
  if (!chosen) return { plans, dashboard: null };
  if (!plans.some((p) => p.id === chosen)) return undefined;
  const [progress, auditRows, hasDemoValues] = await Promise.all([
    getPlanProgress(db, institutionId, chosen, today),
    listRecentPlanAudit(db, institutionId, chosen, RECENT_ROWS),
    planHasDemoValues(db, chosen),
  ]);
  if (!progress) return undefined;

  const shown = progress.overdue.slice(0, OVERDUE_SHOWN);
  const [people, recentChanges] = await Promise.all([
    listPersonNames(
      db,
      institutionId,
      shown.flatMap((i) => (i.responsiblePersonId ? [i.responsiblePersonId] : [])),
    ),
    describeChanges(db, auditRows),
  ]);
  return {
    plans,
    dashboard: {
      plan: { id: progress.plan.id, title: progress.plan.title, ...lineOf(progress.plan) },
      workstreams: progress.workstreams.map((w) => ({ id: w.id, code: w.code, title: w.title, ...lineOf(w) })),
      sdgs: progress.sdgs.map((s) => ({ sdg: s.sdg, ...lineOf(s) })),
      axes: progress.axes.map((a) => ({ axis: a.axis, ...lineOf(a) })),
      overdue: shown.map((i) => ({
        indicatorId: i.id,
        indicatorName: i.name,
        actionId: i.actionId,
        actionTitle: i.actionTitle,
        responsible: i.responsiblePersonId ? (people.get(i.responsiblePersonId) ?? null) : null,
        period: i.overdue?.period ?? '',
        dueDate: i.overdue?.dueDate ?? '',
        daysLate: i.overdue?.daysLate ?? 0,
      })),
      overdueTotal: progress.overdue.length,
      recentChanges,
      hasDemoValues,
    },
  };
}

/** Groups the rows one change wrote (same entity, time, author and operation) and names what they touched. */
async function describeChanges(db: Kysely<DB>, rows: AuditRow[]): Promise<RecentChange[]> {
  const byKey = new Map<string, AuditRow[]>();
  for (const r of rows) {
    const key = [r.entity_type, r.entity_id, r.at, r.actor_label, r.operation].join('|');
    const group = byKey.get(key);
    if (group) group.push(r);
    else if (byKey.size < RECENT_CHANGES) byKey.set(key, [r]);
  }
  const groups = [...byKey.values()].map((g) => ({ rows: g }));
  const idsOf = (type: string) => groups.filter((g) => g.rows[0].entity_type === type).map((g) => g.rows[0].entity_id);
  const [actions, indicators, values] = await Promise.all([
    listActionTitles(db, idsOf('action')),
    listIndicatorNames(db, idsOf('indicator')),
    listValueOwners(db, idsOf('indicator_value')),
  ]);
  return groups.flatMap(({ rows: [first, ...rest] }): RecentChange[] => {
    const base = {
      at: first.at,
      actorLabel: first.actor_label,
      operation: first.operation,
      fields: [first, ...rest].flatMap((r) => (r.field ? [r.field] : [])),
    };
    if (first.entity_type === 'action') {
      const title = actions.get(first.entity_id);
      return title === undefined
        ? []
        : [{ ...base, entityType: 'action', target: { kind: 'action', id: first.entity_id, title }, period: null }];
    }
    if (first.entity_type === 'indicator') {
      const title = indicators.get(first.entity_id);
      return title === undefined
        ? []
        : [
            {
              ...base,
              entityType: 'indicator',
              target: { kind: 'indicator', id: first.entity_id, title },
              period: null,
            },
          ];
    }
    const owner = values.get(first.entity_id);
    return owner === undefined
      ? []
      : [
          {
            ...base,
            entityType: 'indicator_value',
            target: { kind: 'indicator', id: owner.indicatorId, title: owner.indicatorName },
            period: owner.period,
          },
        ];
  });
}
