import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import {
  ACTION_STATUSES,
  type ActionStatus,
  type ActionView,
  type AxisCode,
  actionsOf,
  listPlans,
  loadPlanTree,
  type PlanTree,
  sdgMatrixOf,
} from '../plan';
import { isSdgNumber } from './sdg';

/** The UN agenda has 17 goals; views index them 1..17 and arrays 0..16. */
export const SDG_COUNT = 17;
const SDG_RANGE = Array.from({ length: SDG_COUNT }, (_, i) => i + 1);

export interface SdgMatrixRow {
  id: string;
  title: string;
  /** marks[i] is true when the action serves SDG i + 1. */
  marks: boolean[];
}

export interface SdgMatrixGroup {
  id: string;
  title: string;
  axis: AxisCode | null;
  actions: SdgMatrixRow[];
}

export interface SdgCoverage {
  /** How many of the 17 SDGs have at least one action. */
  covered: number;
  uncovered: number[];
  /** The most frequent SDGs, most actions first, ties by SDG number; SDGs without actions never appear. */
  top: { sdg: number; count: number }[];
}

export interface SdgMatrixView {
  planId: string;
  planTitle: string;
  groups: SdgMatrixGroup[];
  /** Actions per SDG, index 0 = SDG 1. */
  totals: number[];
  actionCount: number;
  /** Actions tagged with at least one SDG. */
  taggedCount: number;
  /** Imported rows whose SDGs still wait for the officer: the matrix is incomplete until they are confirmed. */
  openReviews: number;
  coverage: SdgCoverage;
}

export function coverageOf(totals: readonly number[], topCount = 3): SdgCoverage {
  const perSdg = SDG_RANGE.map((sdg) => ({ sdg, count: totals[sdg - 1] ?? 0 }));
  const top = perSdg
    .filter((s) => s.count > 0)
    .sort((a, b) => b.count - a.count || a.sdg - b.sdg)
    .slice(0, topCount);
  const uncovered = perSdg.filter((s) => s.count === 0).map((s) => s.sdg);
  return { covered: SDG_COUNT - uncovered.length, uncovered, top };
}

/** The heat map of one plan: one row per action, grouped by workstream (which carries the Plan-vert axis). */
export function sdgMatrixView(tree: PlanTree): SdgMatrixView {
  const { groups, totals } = sdgMatrixOf(tree);
  const rows = groups.map((g) => ({
    id: g.id,
    title: g.title,
    axis: g.axis,
    actions: g.actions.map((a) => ({ id: a.id, title: a.title, marks: SDG_RANGE.map((n) => a.sdgs.includes(n)) })),
  }));
  const all = rows.flatMap((g) => g.actions);
  return {
    planId: tree.plan.id,
    planTitle: tree.plan.title,
    groups: rows,
    totals,
    actionCount: all.length,
    taggedCount: all.filter((a) => a.marks.includes(true)).length,
    openReviews: tree.plan.openReviews,
    coverage: coverageOf(totals),
  };
}

/** Actions per SDG across several plans, index 0 = SDG 1. */
export function countActionsPerSdg(trees: readonly PlanTree[]): number[] {
  const totals = SDG_RANGE.map(() => 0);
  for (const a of trees.flatMap(actionsOf)) {
    for (const n of new Set(a.sdgs)) if (isSdgNumber(n)) totals[n - 1]++;
  }
  return totals;
}

export interface SdgOverview {
  plans: { id: string; title: string }[];
  /** Null when the institution has no plan yet. */
  matrix: SdgMatrixView | null;
  /** Actions per SDG across every plan, index 0 = SDG 1 (what each SDG page lists). */
  perSdg: number[];
}

/** The /sdg page: the chosen plan's matrix (the first plan by default); undefined when the plan asked for is not there. */
export function sdgOverviewOf(trees: readonly PlanTree[], planId?: string): SdgOverview | undefined {
  const tree = planId ? trees.find((t) => t.plan.id === planId) : trees[0];
  if (planId && !tree) return undefined;
  return {
    plans: trees.map((t) => ({ id: t.plan.id, title: t.plan.title })),
    matrix: tree ? sdgMatrixView(tree) : null,
    perSdg: countActionsPerSdg(trees),
  };
}

export interface SdgActionEntry {
  id: string;
  title: string;
  workstreamTitle: string;
  status: ActionStatus;
  /** The pilots as matched to people or structures, or the text read from the plan. */
  pilot: string;
}

export interface SdgPageView {
  sdg: number;
  plans: { id: string; title: string; actions: SdgActionEntry[] }[];
  actionCount: number;
  byStatus: { status: ActionStatus; count: number }[];
}

function pilotOf(a: ActionView): string {
  return a.pilots.length ? a.pilots.map((p) => p.label).join(', ') : a.pilotText;
}

/** Every action serving one SDG, plan by plan in plan order; plans without such an action are left out. */
export function sdgPageView(trees: readonly PlanTree[], sdg: number): SdgPageView {
  const plans = trees
    .map((tree) => ({
      id: tree.plan.id,
      title: tree.plan.title,
      actions: tree.workstreams.flatMap((w) =>
        [...w.objectives.flatMap((o) => o.actions), ...w.actions]
          .filter((a) => a.sdgs.includes(sdg))
          .map((a) => ({ id: a.id, title: a.title, workstreamTitle: w.title, status: a.status, pilot: pilotOf(a) })),
      ),
    }))
    .filter((p) => p.actions.length > 0);
  const all = plans.flatMap((p) => p.actions);
  const byStatus = ACTION_STATUSES.map((status) => ({
    status,
    count: all.filter((a) => a.status === status).length,
  })).filter((s) => s.count > 0);
  return { sdg, plans, actionCount: all.length, byStatus };
}

/**
 * The cells of an imported matrix row as the officer needs them to judge the
 * alignment: non-empty cells by position after the title (position n sits in
 * SDG n's column when the row is aligned), and how many columns the row had.
 */
export function rawCellsView(
  rawCells: readonly string[],
  actionTitle: string,
): { cells: { position: number; content: string }[]; columnsAfterTitle: number } {
  const cells = rawCells
    .map((content, position) => ({ position, content: content.trim() }))
    .filter((c) => c.content !== '' && !(c.position === 0 && c.content === actionTitle.trim()));
  return { cells, columnsAfterTitle: Math.max(rawCells.length - 1, 0) };
}

/** Every plan of the institution with its tree, newest first (the order of `listPlans`). */
export async function loadPlanTrees(db: Kysely<DB>, institutionId: string): Promise<PlanTree[]> {
  const plans = await listPlans(db, institutionId);
  const trees = await Promise.all(plans.map((p) => loadPlanTree(db, institutionId, p.id)));
  return trees.filter((t): t is PlanTree => t !== undefined);
}
