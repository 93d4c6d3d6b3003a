/**
 * The JSON shapes of the read-only API (v1), built from the plan tree and
 * table rows. Pure: no I/O. Units are in the names: money in integer cents
 * (`budgetCents`), indicator and target figures as decimals in the
 * indicator's `unit` (stored x1000, divided here), FTE as a decimal.
 * The OpenAPI document (openapi.ts) describes exactly these shapes.
 */
import type { ActionView, PlanSummary, PlanTree } from '../plan';
import type { IndicatorRow, ValueRow } from './api.queries';

export function fromMilli(v: number | null): number | null {
  return v === null ? null : Number(v) / 1000;
}

export interface ApiPlanSummary {
  id: string;
  title: string;
  kind: 'multi_year' | 'yearly';
  startYear: number | null;
  endYear: number | null;
  actionCount: number;
}

export interface ApiIndicatorSummary {
  id: string;
  name: string;
  unit: string | null;
  kind: string;
  direction: string;
  periodicity: string;
}

export interface ApiAction {
  id: string;
  title: string;
  status: string;
  pilotText: string;
  pilots: { kind: string; label: string; personId: string | null; teamId: string | null; unitId: string | null }[];
  sdgs: number[];
  axes: string[];
  indicators: ApiIndicatorSummary[];
  startDate: string | null;
  endDate: string | null;
  fte: number | null;
  budgetCents: number | null;
  description: string | null;
}

export interface ApiIndicator extends ApiIndicatorSummary {
  planId: string;
  actionId: string | null;
  objectiveId: string | null;
  targetId: string | null;
  baseline: { value: number | null; date: string | null };
  target: { value: number | null; date: string | null };
  responsiblePerson: { id: string; name: string } | null;
  source: string;
  sourceKey: string | null;
  version: number;
}

export interface ApiValue {
  period: string;
  periodStart: string;
  periodEnd: string;
  version: number;
  current: boolean;
  value: number | null;
  valueText: string | null;
  unit: string | null;
  state: string;
  comment: string | null;
  evidenceUrl: string | null;
  hasEvidenceFile: boolean;
  enteredBy: string;
  enteredAt: string;
  reviewedBy: string | null;
  reviewedAt: string | null;
  returnReason: string | null;
  changeReason: string | null;
  demo: boolean;
}

export function planSummaryDto(p: PlanSummary): ApiPlanSummary {
  return {
    id: p.id,
    title: p.title,
    kind: p.kind,
    startYear: p.startYear,
    endYear: p.endYear,
    actionCount: p.actionCount,
  };
}

export function indicatorSummaryDto(r: IndicatorRow): ApiIndicatorSummary {
  return { id: r.id, name: r.name, unit: r.unit, kind: r.kind, direction: r.direction, periodicity: r.periodicity };
}

export function indicatorDto(r: IndicatorRow & { responsible_name: string | null }): ApiIndicator {
  return {
    ...indicatorSummaryDto(r),
    planId: r.plan_id,
    actionId: r.action_id,
    objectiveId: r.objective_id,
    targetId: r.target_id,
    baseline: { value: fromMilli(r.baseline_value_milli), date: r.baseline_date },
    target: { value: fromMilli(r.target_value_milli), date: r.target_date },
    responsiblePerson:
      r.responsible_person_id && r.responsible_name ? { id: r.responsible_person_id, name: r.responsible_name } : null,
    source: r.source,
    sourceKey: r.source_key,
    version: Number(r.version),
  };
}

export function valueDto(r: ValueRow, unit: string | null): ApiValue {
  return {
    period: r.period,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    version: Number(r.version),
    current: Boolean(r.is_current),
    value: fromMilli(r.value_milli),
    valueText: r.value_text,
    unit,
    state: r.state,
    comment: r.comment,
    evidenceUrl: r.evidence_url,
    hasEvidenceFile: r.evidence_file_id !== null,
    enteredBy: r.entered_by_label,
    enteredAt: r.entered_at,
    reviewedBy: r.reviewed_by_label,
    reviewedAt: r.reviewed_at,
    returnReason: r.return_reason,
    changeReason: r.change_reason,
    demo: Boolean(r.is_demo),
  };
}

export function actionDto(a: ActionView, indicators: ReadonlyMap<string, ApiIndicatorSummary>): ApiAction {
  return {
    id: a.id,
    title: a.title,
    status: a.status,
    pilotText: a.pilotText,
    pilots: a.pilots.map((p) => ({ ...p })),
    sdgs: [...a.sdgs],
    axes: [...a.axes],
    indicators: a.indicators.map(
      (i) =>
        indicators.get(i.id) ?? {
          id: i.id,
          name: i.name,
          unit: i.unit,
          kind: 'number',
          direction: 'increase',
          periodicity: 'year',
        },
    ),
    startDate: a.startDate,
    endDate: a.endDate,
    fte: fromMilli(a.fteMilli),
    budgetCents: a.budgetCents,
    description: a.description,
  };
}

/**
 * The whole plan. Indicators hang from the most specific thing they measure:
 * an action's in its `indicators`, else a target's, else an objective's.
 */
export function planDto(tree: PlanTree, indicatorRows: readonly IndicatorRow[]) {
  const summaries = new Map(indicatorRows.map((r) => [r.id, indicatorSummaryDto(r)]));
  const unattached = indicatorRows.filter((r) => !r.action_id);
  const ofTarget = (id: string) => unattached.filter((r) => r.target_id === id).map(indicatorSummaryDto);
  const ofObjective = (id: string) =>
    unattached.filter((r) => !r.target_id && r.objective_id === id).map(indicatorSummaryDto);
  return {
    ...planSummaryDto(tree.plan),
    means: tree.means.map((m) => ({
      label: m.label,
      fteRatio: fromMilli(m.fteRatioMilli),
      basis: m.basis,
      fte: fromMilli(m.fteMilli),
    })),
    workstreams: tree.workstreams.map((w) => ({
      id: w.id,
      code: w.code,
      title: w.title,
      axis: w.axis,
      objectives: w.objectives.map((o) => ({
        id: o.id,
        code: o.code,
        title: o.title,
        indicators: ofObjective(o.id),
        targets: o.targets.map((t) => ({
          id: t.id,
          label: t.label,
          baselineValue: t.baselineValue,
          targetValue: t.targetValue,
          unit: t.unit,
          deadline: t.deadline,
          qualitative: t.qualitative,
          indicators: ofTarget(t.id),
        })),
        actions: o.actions.map((a) => actionDto(a, summaries)),
      })),
      actions: w.actions.map((a) => actionDto(a, summaries)),
    })),
  };
}

export type ApiPlan = ReturnType<typeof planDto>;
