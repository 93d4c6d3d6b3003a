/**
 * Progress and status of one indicator. Pure: no I/O. The rules, in short
 * (docs/progress-rules.md has them in full, with the reasons):
 *
 * - Progress = (latest value - baseline) / (target - baseline). It may be
 *   negative (moved away from the target) or above 1 (beyond the target);
 *   `progressCapped` clamps it to [0, 1] for bars and roll-ups.
 * - Expected progress follows a straight line from (baseline date, 0) to
 *   (target date, 1), read at the END of the latest value's period.
 * - ratio = progress / expected: on track when ratio >= onTrackMin (0.9 by
 *   default), at risk when >= atRiskMin (0.6), late otherwise. Achieved as soon
 *   as the latest value reaches the target in the indicator's direction; late
 *   once the deadline has passed without reaching it.
 * - Milestones and yes/no indicators: achieved when done, late when the
 *   deadline passed, on track otherwise.
 * - No data: no counted value, or (for quantified kinds) no baseline or target.
 *
 * Every result carries its explanation as i18n codes with RAW params: numbers
 * stay numbers (translate() formats them for the locale), shares are given in
 * per cent (40 for 40 %), dates are ISO yyyy-mm-dd (explanationTexts() in
 * explain.ts turns them into the locale's long date).
 */

export const PROGRESS_STATUSES = ['achieved', 'on_track', 'at_risk', 'late', 'no_data'] as const;
export type ProgressStatus = (typeof PROGRESS_STATUSES)[number];

export const DIRECTIONS = ['increase', 'decrease', 'reach', 'milestone'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export const INDICATOR_KINDS = ['number', 'percentage', 'yes_no', 'milestone', 'text'] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];

/** Value states that count for progress: a draft is not finished, a returned value was refused. */
export const COUNTED_STATES = ['submitted', 'validated'] as const;

export interface ExplanationLine {
  /** An i18n key under `progress.`. */
  code: string;
  params: Record<string, string | number>;
}

export interface Thresholds {
  /** ratio at or above which an indicator is on track (0.9 = 90 % of the expected progress). */
  onTrackMin: number;
  atRiskMin: number;
}

export interface ProgressSettings {
  onTrackMinMilli: number;
  atRiskMinMilli: number;
  graceDays: number;
}

/** Used when an institution never saved its own settings. */
export const DEFAULT_PROGRESS_SETTINGS: ProgressSettings = { onTrackMinMilli: 900, atRiskMinMilli: 600, graceDays: 30 };

export function thresholdsOf(s: ProgressSettings): Thresholds {
  return { onTrackMin: s.onTrackMinMilli / 1000, atRiskMin: s.atRiskMinMilli / 1000 };
}

/** What the rules need from an indicator's definition; values in the indicator's unit (not milli). */
export interface IndicatorDefinition {
  direction: Direction;
  kind: IndicatorKind;
  unit: string | null;
  baselineValue: number | null;
  baselineDate: string | null;
  targetValue: number | null;
  targetDate: string | null;
}

/** One counted value of a period (the current version), in the indicator's unit. */
export interface Observation {
  period: string;
  periodEnd: string;
  value: number | null;
  text: string | null;
  state: string;
}

export interface IndicatorAssessment {
  status: ProgressStatus;
  /** (latest - baseline) / (target - baseline), or 0/1 for milestones; null when it cannot be computed. */
  progress: number | null;
  /** progress clamped to [0, 1]. */
  progressCapped: number | null;
  /** Share of the way expected at the end of the latest value's period (0..1). */
  expected: number | null;
  /** progress / expected. */
  ratio: number | null;
  /** For no_data: the i18n code of the reason. */
  reason: string | null;
  explanation: ExplanationLine[];
}

// Values are x1000 integers turned into floats: differences below this are rounding, not progress.
const EPS = 1e-9;
const DAY_MS = 86_400_000;

export function isMilestoneLike(def: Pick<IndicatorDefinition, 'direction' | 'kind'>): boolean {
  return def.direction === 'milestone' || def.kind === 'milestone' || def.kind === 'yes_no';
}

const DONE_WORDS = new Set(['yes', 'oui', 'true', '1', 'done', 'fait', 'réalisé', 'realise', 'achieved', 'x']);

/** A milestone or yes/no value is done when its number is positive or its text says yes/done (fr or en). */
export function isDone(o: Pick<Observation, 'value' | 'text'>): boolean {
  if (o.value !== null) return o.value > 0;
  return DONE_WORDS.has((o.text ?? '').trim().toLowerCase());
}

export function daysBetween(from: string, to: string): number {
  return (Date.parse(`${to.slice(0, 10)}T00:00:00Z`) - Date.parse(`${from.slice(0, 10)}T00:00:00Z`)) / DAY_MS;
}

/** Percent for explanation params: 0.4 -> 40, one decimal at most. */
export function percent(fraction: number): number {
  return Math.round(fraction * 1000) / 10;
}

/** A value for explanation params: three decimals at most (the storage precision). */
export function plain(value: number): number {
  return Math.round(value * 1000) / 1000;
}

export function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}

/** Share of the way from the baseline date to the target date at `date`, clamped to [0, 1]. */
export function expectedShare(baselineDate: string, targetDate: string, date: string): number {
  return clamp01(daysBetween(baselineDate, date) / daysBetween(baselineDate, targetDate));
}

/** Whether a value reaches the target in the indicator's direction ("reach" counts from the baseline's side). */
export function reachesTarget(def: IndicatorDefinition, value: number): boolean {
  const { baselineValue: b, targetValue: t } = def;
  if (t === null) return false;
  if (def.direction === 'increase') return value >= t - EPS;
  if (def.direction === 'decrease') return value <= t + EPS;
  if (b === null || Math.abs(t - b) < EPS) return Math.abs(value - t) < EPS;
  return (value - b) / (t - b) >= 1 - EPS;
}

function noData(reason: string, extra: ExplanationLine[] = [], progress: number | null = null): IndicatorAssessment {
  return {
    status: 'no_data',
    progress,
    progressCapped: progress === null ? null : clamp01(progress),
    expected: null,
    ratio: null,
    reason,
    explanation: [...extra, { code: reason, params: {} }],
  };
}

function latestOf(observations: readonly Observation[], usable: (o: Observation) => boolean): Observation | undefined {
  let latest: Observation | undefined;
  for (const o of observations) if (usable(o) && (!latest || o.periodEnd >= latest.periodEnd)) latest = o;
  return latest;
}

function assessMilestone(def: IndicatorDefinition, observations: readonly Observation[], today: string) {
  const latest = latestOf(observations, (o) => o.value !== null || (o.text ?? '').trim() !== '');
  if (!latest) return noData('progress.reason.noValue');
  const base = { expected: null, ratio: null, reason: null };
  if (isDone(latest)) {
    return {
      ...base,
      status: 'achieved' as const,
      progress: 1,
      progressCapped: 1,
      explanation: [{ code: 'progress.explain.milestoneDone', params: { period: latest.period } }],
    };
  }
  const pending = { ...base, progress: 0, progressCapped: 0 };
  if (def.targetDate && today > def.targetDate) {
    return {
      ...pending,
      status: 'late' as const,
      explanation: [{ code: 'progress.explain.milestoneDeadlinePassed', params: { deadline: def.targetDate } }],
    };
  }
  return {
    ...pending,
    status: 'on_track' as const,
    explanation: def.targetDate
      ? [{ code: 'progress.explain.milestonePending', params: { deadline: def.targetDate } }]
      : [{ code: 'progress.explain.milestoneNoDeadline', params: {} }],
  };
}

/** Status, progress and explanation of one indicator on `today` (ISO date), from its counted values. */
export function assessIndicator(
  def: IndicatorDefinition,
  observations: readonly Observation[],
  today: string,
  thresholds: Thresholds,
): IndicatorAssessment {
  if (def.kind === 'text') return noData('progress.reason.textKind');
  if (isMilestoneLike(def)) return assessMilestone(def, observations, today);
  const { baselineValue: b, targetValue: t } = def;
  if (b === null || t === null) return noData('progress.reason.notQuantified');
  if ((def.direction === 'increase' && t < b) || (def.direction === 'decrease' && t > b)) {
    return noData('progress.reason.directionMismatch');
  }
  const latest = latestOf(observations, (o) => o.value !== null);
  if (!latest || latest.value === null) return noData('progress.reason.noValue');
  const value = latest.value;
  // Pre-spaced so messages read "{value}{unit}" with or without a unit.
  const unit = def.unit ? `\u00a0${def.unit}` : '';
  const lines: ExplanationLine[] = [
    {
      code: 'progress.explain.baselineTarget',
      params: {
        baseline: plain(b),
        baselineDate: def.baselineDate ?? '—',
        target: plain(t),
        targetDate: def.targetDate ?? '—',
        unit,
      },
    },
    { code: 'progress.explain.latest', params: { value: plain(value), unit, period: latest.period } },
  ];
  if (latest.state !== 'validated') lines.push({ code: 'progress.explain.notValidated', params: {} });
  const result = (status: ProgressStatus, progress: number, more: Partial<IndicatorAssessment> = {}) => ({
    status,
    progress,
    progressCapped: clamp01(progress),
    expected: null,
    ratio: null,
    reason: null,
    explanation: lines,
    ...more,
  });

  // A target equal to the baseline means "keep this level": reached or not, nothing in between.
  if (Math.abs(t - b) < EPS) {
    const kept = reachesTarget(def, value);
    lines.push({
      code: kept ? 'progress.explain.maintained' : 'progress.explain.notMaintained',
      params: { unit, target: plain(t) },
    });
    return result(kept ? 'achieved' : 'late', kept ? 1 : 0);
  }
  const progress = (value - b) / (t - b);
  if (reachesTarget(def, value)) {
    lines.push({ code: 'progress.explain.achieved', params: { value: plain(value), target: plain(t), unit } });
    return result('achieved', progress);
  }
  if (progress < 0) lines.push({ code: 'progress.explain.wrongDirection', params: {} });
  if (!def.baselineDate || !def.targetDate) return noData('progress.reason.noDates', lines, progress);
  if (def.targetDate <= def.baselineDate) return noData('progress.reason.datesOrder', lines, progress);
  if (today > def.targetDate) {
    lines.push({ code: 'progress.explain.deadlinePassed', params: { deadline: def.targetDate } });
    return result('late', progress);
  }
  const expected = expectedShare(def.baselineDate, def.targetDate, latest.periodEnd);
  if (expected <= EPS) {
    // Nothing was expected yet: only a move away from the target is a warning.
    lines.push({ code: 'progress.explain.beforeStart', params: { date: latest.periodEnd } });
    return result(progress >= 0 ? 'on_track' : 'late', progress, { expected: 0 });
  }
  const ratio = progress / expected;
  lines.push({
    code: 'progress.explain.expected',
    params: {
      expected: percent(expected),
      actual: percent(progress),
      date: latest.periodEnd,
      deadline: def.targetDate,
    },
  });
  const params = {
    ratio: percent(ratio),
    onTrackMin: percent(thresholds.onTrackMin),
    atRiskMin: percent(thresholds.atRiskMin),
  };
  let status: ProgressStatus = 'late';
  if (ratio >= thresholds.onTrackMin - EPS) status = 'on_track';
  else if (ratio >= thresholds.atRiskMin - EPS) status = 'at_risk';
  const because = { on_track: 'onTrackBecause', at_risk: 'atRiskBecause', late: 'lateBecause' } as const;
  lines.push({ code: `progress.explain.${because[status as keyof typeof because]}`, params });
  return result(status, progress, { expected, ratio });
}
