/**
 * Assembles the progress of plans from loaded rows. Pure: no I/O, so the
 * service stays a thin loader and this is tested without a database.
 */
// periods.ts is a pure leaf: importing it directly, not through indicators/index.ts, keeps progress and
// indicators (whose pages use progress) free of an import cycle.
import {
  dueDate,
  isPeriodicity,
  lastEndedPeriod,
  type Period,
  type Periodicity,
  previousPeriod,
} from '../indicators/periods';
import {
  assessIndicator,
  DIRECTIONS,
  type Direction,
  daysBetween,
  INDICATOR_KINDS,
  type IndicatorAssessment,
  type IndicatorDefinition,
  type IndicatorKind,
  isMilestoneLike,
  type Observation,
  type ProgressSettings,
  thresholdsOf,
} from './progress';
import type { IndicatorRow, ProgressInputs, ValueRow } from './progress.queries';
import { countStatuses, type RollUp, rollUp, rollUpBy, type StatusCounts } from './rollup';
import { assessTrend, type TrendAssessment } from './trend';

export interface DueInfo {
  /** The last ended period: its value is expected by dueDate. */
  period: string;
  dueDate: string;
  hasValue: boolean;
}

export interface OverdueInfo {
  /** The most recent period whose due date has passed without a counted value. */
  period: string;
  dueDate: string;
  daysLate: number;
}

export interface IndicatorProgress extends IndicatorAssessment, IndicatorDefinition {
  id: string;
  name: string;
  periodicity: Periodicity;
  source: string;
  planId: string;
  actionId: string | null;
  actionTitle: string | null;
  targetId: string | null;
  /** Usually one; every objective the indicator reaches, each once. */
  objectiveIds: string[];
  workstreamIds: string[];
  /** The SDGs of its action. */
  sdgs: number[];
  /** The axes of its action, or its workstream's axis when the action has none. */
  axes: string[];
  responsiblePersonId: string | null;
  latest: Observation | null;
  /** Counted values, oldest first. */
  observations: Observation[];
  trend: TrendAssessment | null;
  due: DueInfo | null;
  overdue: OverdueInfo | null;
}

export type PlanRollUp = RollUp & { id: string; title: string };
export type WorkstreamRollUp = RollUp & {
  id: string;
  planId: string;
  code: string | null;
  title: string;
  axis: string | null;
};
export type ObjectiveRollUp = RollUp & { id: string; workstreamId: string; code: string | null; title: string };
export type SdgRollUp = RollUp & { sdg: number };
export type AxisRollUp = RollUp & { axis: string };

export interface ProgressReport {
  plans: PlanRollUp[];
  indicators: IndicatorProgress[];
  objectives: ObjectiveRollUp[];
  workstreams: WorkstreamRollUp[];
  /** Only the SDGs reached by at least one indicator, in SDG order. */
  sdgs: SdgRollUp[];
  /** Only the axes reached by at least one indicator. */
  axes: AxisRollUp[];
  statusCounts: StatusCounts;
  /** Indicators with an overdue update, most late first. */
  overdue: IndicatorProgress[];
  settings: ProgressSettings;
}

const fromMilli = (v: number | null) => (v === null ? null : v / 1000);

export function definitionOf(row: IndicatorRow): IndicatorDefinition & { periodicity: Periodicity } {
  return {
    direction: (DIRECTIONS as readonly string[]).includes(row.direction) ? (row.direction as Direction) : 'increase',
    kind: (INDICATOR_KINDS as readonly string[]).includes(row.kind) ? (row.kind as IndicatorKind) : 'number',
    periodicity: isPeriodicity(row.periodicity) ? row.periodicity : 'year',
    unit: row.unit,
    baselineValue: fromMilli(row.baseline_value_milli),
    baselineDate: row.baseline_date,
    targetValue: fromMilli(row.target_value_milli),
    targetDate: row.target_date,
  };
}

export function observationOf(v: ValueRow): Observation {
  return {
    period: v.period,
    periodEnd: v.period_end,
    value: fromMilli(v.value_milli),
    text: v.value_text,
    state: v.state,
  };
}

/**
 * What is due for an indicator on `today`. The last ended period is expected
 * within the grace days; the most recent period whose grace has run out and
 * that has no counted value is overdue. Nothing is due up to the baseline
 * date, after the deadline's period, for a milestone already done, nor for
 * an indicator a module computes (nobody enters it by hand).
 */
export function dueOf(
  def: IndicatorDefinition & { periodicity: Periodicity },
  source: string,
  periods: ReadonlySet<string>,
  achievedMilestone: boolean,
  today: string,
  graceDays: number,
): { due: DueInfo | null; overdue: OverdueInfo | null } {
  if (source !== 'manual' || achievedMilestone) return { due: null, overdue: null };
  const expectedPeriod = (p: Period) =>
    (!def.baselineDate || p.end > def.baselineDate) && (!def.targetDate || p.start <= def.targetDate);
  const last = lastEndedPeriod(def.periodicity, today);
  const lastDue = dueDate(last, graceDays);
  const due = expectedPeriod(last) ? { period: last.label, dueDate: lastDue, hasValue: periods.has(last.label) } : null;
  const late = today > lastDue ? last : previousPeriod(last);
  const lateDue = dueDate(late, graceDays);
  const overdue =
    expectedPeriod(late) && !periods.has(late.label)
      ? { period: late.label, dueDate: lateDue, daysLate: Math.round(daysBetween(lateDue, today)) }
      : null;
  return { due, overdue };
}

function groupBy<T, K>(rows: readonly T[], key: (r: T) => K): Map<K, T[]> {
  const m = new Map<K, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}

const present = <T>(x: T | null | undefined): x is T => x !== null && x !== undefined;

/** Statuses, progress and roll-ups of everything in `inputs`, on `today`. */
export function assembleProgress(inputs: ProgressInputs, today: string, settings: ProgressSettings): ProgressReport {
  const thresholds = thresholdsOf(settings);
  const actions = new Map(inputs.actions.map((a) => [a.id, a]));
  const objectives = new Map(inputs.objectives.map((o) => [o.id, o]));
  const workstreams = new Map(inputs.workstreams.map((w) => [w.id, w]));
  const targets = new Map(inputs.targets.map((t) => [t.id, t]));
  const sdgsBy = groupBy(inputs.actionSdgs, (s) => s.action_id);
  const axesBy = groupBy(inputs.actionAxes, (a) => a.action_id);
  const valuesBy = groupBy(inputs.values, (v) => v.indicator_id);

  const indicators = inputs.indicators.map((row): IndicatorProgress => {
    const def = definitionOf(row);
    const observations = (valuesBy.get(row.id) ?? []).map(observationOf);
    const assessment = assessIndicator(def, observations, today, thresholds);
    const action = row.action_id ? actions.get(row.action_id) : undefined;
    const target = row.target_id ? targets.get(row.target_id) : undefined;
    const objectiveIds = [...new Set([row.objective_id, action?.objective_id, target?.objective_id].filter(present))];
    const workstreamIds = [
      ...new Set(
        [action?.workstream_id, ...objectiveIds.map((id) => objectives.get(id)?.workstream_id)].filter(present),
      ),
    ];
    const actionAxes = action ? (axesBy.get(action.id) ?? []).map((a) => a.axis_code) : [];
    const axes = actionAxes.length
      ? actionAxes
      : workstreamIds.map((id) => workstreams.get(id)?.axis_code).filter(present);
    const milestoneDone = assessment.status === 'achieved' && isMilestoneLike(def);
    const { due, overdue } = dueOf(
      def,
      row.source,
      new Set(observations.map((o) => o.period)),
      milestoneDone,
      today,
      settings.graceDays,
    );
    return {
      ...def,
      ...assessment,
      id: row.id,
      name: row.name,
      source: row.source,
      planId: row.plan_id,
      actionId: row.action_id,
      actionTitle: action?.title ?? null,
      targetId: row.target_id,
      objectiveIds,
      workstreamIds,
      sdgs: [...new Set((action ? (sdgsBy.get(action.id) ?? []) : []).map((s) => s.sdg_number))].sort((a, b) => a - b),
      axes: [...new Set(axes)],
      responsiblePersonId: row.responsible_person_id,
      latest: observations.at(-1) ?? null,
      observations,
      trend: assessTrend(def, observations) ?? null,
      due,
      overdue,
    };
  });

  const byObjective = rollUpBy(indicators, (i) => i.objectiveIds);
  const byWorkstream = rollUpBy(indicators, (i) => i.workstreamIds);
  const byPlan = rollUpBy(indicators, (i) => [i.planId]);
  const bySdg = rollUpBy(indicators, (i) => i.sdgs);
  const byAxis = rollUpBy(indicators, (i) => i.axes);
  const empty = rollUp([]);
  return {
    plans: inputs.plans.map((p) => ({ ...(byPlan.get(p.id) ?? empty), id: p.id, title: p.title })),
    indicators,
    objectives: inputs.objectives.map((o) => ({
      ...(byObjective.get(o.id) ?? empty),
      id: o.id,
      workstreamId: o.workstream_id,
      code: o.code,
      title: o.title,
    })),
    workstreams: inputs.workstreams.map((w) => ({
      ...(byWorkstream.get(w.id) ?? empty),
      id: w.id,
      planId: w.plan_id,
      code: w.code,
      title: w.title,
      axis: w.axis_code,
    })),
    sdgs: [...bySdg].sort(([a], [b]) => a - b).map(([sdg, r]) => ({ ...r, sdg })),
    axes: [...byAxis].sort(([a], [b]) => a.localeCompare(b)).map(([axis, r]) => ({ ...r, axis })),
    statusCounts: countStatuses(indicators),
    overdue: indicators
      .filter((i) => i.overdue !== null)
      .sort((a, b) => (b.overdue?.daysLate ?? 0) - (a.overdue?.daysLate ?? 0)),
    settings,
  };
}
