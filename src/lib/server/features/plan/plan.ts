import { ACTION_STATUSES, type ActionStatus, AXIS_CODES, type AxisCode } from '../plan-import/parsed-plan';

export { ACTION_STATUSES, type ActionStatus, AXIS_CODES, type AxisCode };

export function isActionStatus(v: unknown): v is ActionStatus {
  return typeof v === 'string' && (ACTION_STATUSES as readonly string[]).includes(v);
}

export function isAxisCode(v: unknown): v is AxisCode {
  return typeof v === 'string' && (AXIS_CODES as readonly string[]).includes(v);
}

export interface PlanSummary {
  id: string;
  title: string;
  kind: 'multi_year' | 'yearly';
  startYear: number | null;
  endYear: number | null;
  actionCount: number;
  openReviews: number;
}

export interface PilotView {
  kind: string;
  label: string;
  personId: string | null;
  teamId: string | null;
  unitId: string | null;
}

export interface IndicatorView {
  id: string;
  name: string;
  unit: string | null;
}

export interface ActionView {
  id: string;
  position: number;
  title: string;
  status: ActionStatus;
  pilotText: string;
  pilots: PilotView[];
  sdgs: number[];
  axes: AxisCode[];
  indicators: IndicatorView[];
  startDate: string | null;
  endDate: string | null;
  fteMilli: number | null;
  budgetCents: number | null;
  description: string | null;
  workstreamId: string;
  objectiveId: string | null;
}

export interface TargetView {
  id: string;
  label: string;
  baselineValue: number | null;
  targetValue: number | null;
  unit: string | null;
  deadline: string | null;
  qualitative: boolean;
}

export interface ObjectiveView {
  id: string;
  code: string | null;
  title: string;
  targets: TargetView[];
  actions: ActionView[];
}

export interface WorkstreamView {
  id: string;
  code: string | null;
  title: string;
  axis: AxisCode | null;
  objectives: ObjectiveView[];
  actions: ActionView[];
}

export interface MeansView {
  label: string;
  fteRatioMilli: number | null;
  basis: string | null;
  /** FTE implied today (ratio x current number of referents), x1000. */
  fteMilli: number | null;
}

export interface PlanTree {
  plan: PlanSummary;
  means: MeansView[];
  workstreams: WorkstreamView[];
}

export interface PlanFilters {
  sdg?: number;
  axis?: AxisCode;
  /** A person id, team id or unit id. */
  pilot?: string;
  /** Unit id: actions piloted by the unit itself or by a person of that unit. */
  unit?: string;
  status?: ActionStatus;
  q?: string;
}

export function foldText(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Keeps the actions that match every filter, and the branches that still hold one. */
export function filterPlanTree(
  tree: PlanTree,
  filters: PlanFilters,
  personUnit: ReadonlyMap<string, string | null>,
): PlanTree {
  const q = filters.q ? foldText(filters.q.trim()) : '';
  const keep = (a: ActionView, context: string): boolean => {
    if (filters.sdg && !a.sdgs.includes(filters.sdg)) return false;
    if (filters.axis && !a.axes.includes(filters.axis)) return false;
    if (filters.status && a.status !== filters.status) return false;
    if (filters.pilot && !a.pilots.some((p) => [p.personId, p.teamId, p.unitId].includes(filters.pilot ?? ''))) {
      return false;
    }
    if (
      filters.unit &&
      !a.pilots.some((p) => p.unitId === filters.unit || (p.personId && personUnit.get(p.personId) === filters.unit))
    ) {
      return false;
    }
    if (q) {
      const haystack = foldText([a.title, a.pilotText, context, ...a.indicators.map((i) => i.name)].join(' '));
      if (!haystack.includes(q)) return false;
    }
    return true;
  };
  const workstreams = tree.workstreams
    .map((w) => ({
      ...w,
      objectives: w.objectives
        .map((o) => ({ ...o, actions: o.actions.filter((a) => keep(a, `${w.title} ${o.title}`)) }))
        .filter((o) => o.actions.length > 0),
      actions: w.actions.filter((a) => keep(a, w.title)),
    }))
    .filter((w) => w.objectives.length > 0 || w.actions.length > 0);
  return { ...tree, workstreams };
}

export function hasFilters(f: PlanFilters): boolean {
  return Boolean(f.sdg || f.axis || f.pilot || f.unit || f.status || f.q);
}

/** Every action of a tree in plan order. */
export function actionsOf(tree: PlanTree): ActionView[] {
  return tree.workstreams.flatMap((w) => [...w.objectives.flatMap((o) => o.actions), ...w.actions]);
}
