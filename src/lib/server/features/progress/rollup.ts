/**
 * Roll-up of indicator statuses to objectives, workstreams, the plan, each SDG
 * and each axis. Pure: no I/O. The rule (docs/progress-rules.md, "Roll-up"):
 *
 * - The indicators of an item are counted once each, however many paths lead
 *   to them (an indicator attached to an action of an objective AND to that
 *   objective counts once for it).
 * - Progress = weighted mean of the indicators' capped progress (0..1) over
 *   those whose progress can be computed. Weights are equal (1) unless given.
 * - Status = the least favourable status among the indicators with data
 *   (late < at risk < on track < achieved): a summary never hides a late
 *   indicator; the counts per status, always shown beside it, give the scale.
 * - "No data" counts: when more than NO_DATA_MAX_SHARE of the indicators have
 *   no data, the item's status is no_data (too little known to judge).
 *   An item without indicators is no_data.
 */
import type { ExplanationLine, IndicatorAssessment, ProgressStatus } from './progress';
import { PROGRESS_STATUSES, percent } from './progress';

/** Above this share of indicators without data, an item's status is no_data. */
export const NO_DATA_MAX_SHARE = 0.5;

/** Least favourable first. */
export const STATUS_SEVERITY: readonly ProgressStatus[] = ['late', 'at_risk', 'on_track', 'achieved'];

export type StatusCounts = Record<ProgressStatus, number>;

export interface RollUp {
  status: ProgressStatus;
  /** Weighted mean of the capped progress, 0..1; null when no indicator has a progress. */
  progress: number | null;
  statusCounts: StatusCounts;
  indicatorCount: number;
  /** Indicators whose status is not no_data. */
  withDataCount: number;
  explanation: ExplanationLine[];
}

export interface RollUpOptions {
  noDataMaxShare?: number;
  /** Weight per indicator id; 1 when absent. */
  weights?: ReadonlyMap<string, number>;
}

/** What a roll-up needs of an assessed indicator. */
export interface Assessed extends Pick<IndicatorAssessment, 'status' | 'progressCapped'> {
  id: string;
}

export function emptyCounts(): StatusCounts {
  return Object.fromEntries(PROGRESS_STATUSES.map((s) => [s, 0])) as StatusCounts;
}

export function countStatuses(items: readonly Pick<Assessed, 'status'>[]): StatusCounts {
  const counts = emptyCounts();
  for (const i of items) counts[i.status]++;
  return counts;
}

export function rollUp(items: readonly Assessed[], options: RollUpOptions = {}): RollUp {
  const maxShare = options.noDataMaxShare ?? NO_DATA_MAX_SHARE;
  const unique = [...new Map(items.map((i) => [i.id, i])).values()];
  const statusCounts = countStatuses(unique);
  const indicatorCount = unique.length;
  const withDataCount = indicatorCount - statusCounts.no_data;

  let weighted = 0;
  let totalWeight = 0;
  for (const i of unique) {
    if (i.progressCapped === null) continue;
    const w = options.weights?.get(i.id) ?? 1;
    weighted += w * i.progressCapped;
    totalWeight += w;
  }
  const progress = totalWeight > 0 ? weighted / totalWeight : null;
  const explanation: ExplanationLine[] = [];
  if (progress !== null) {
    explanation.push({
      code: 'progress.rollup.explain.mean',
      params: { progress: percent(progress), count: unique.filter((i) => i.progressCapped !== null).length },
    });
  }

  let status: ProgressStatus;
  if (indicatorCount === 0) {
    status = 'no_data';
    explanation.push({ code: 'progress.rollup.explain.empty', params: {} });
  } else if (statusCounts.no_data / indicatorCount > maxShare) {
    status = 'no_data';
    explanation.push({
      code: 'progress.rollup.explain.tooManyNoData',
      params: { noData: statusCounts.no_data, count: indicatorCount, maxShare: percent(maxShare) },
    });
  } else {
    status = STATUS_SEVERITY.find((s) => statusCounts[s] > 0) ?? 'no_data';
    explanation.push({
      code: 'progress.rollup.explain.worst',
      params: { withData: withDataCount, count: indicatorCount },
    });
  }
  return { status, progress, statusCounts, indicatorCount, withDataCount, explanation };
}

/** Rolls indicators up to every key they belong to (SDG numbers, axis codes, ids...). */
export function rollUpBy<K, T extends Assessed>(
  items: readonly T[],
  keysOf: (item: T) => readonly K[],
  options: RollUpOptions = {},
): Map<K, RollUp> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    for (const key of new Set(keysOf(item))) {
      const list = groups.get(key);
      if (list) list.push(item);
      else groups.set(key, [item]);
    }
  }
  return new Map([...groups].map(([key, list]) => [key, rollUp(list, options)]));
}
