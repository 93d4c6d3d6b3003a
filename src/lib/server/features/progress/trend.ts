/**
 * Second method, for long series: the compound-growth comparison of national
 * SDG reporting platforms. Pure: no I/O.
 *
 * Source: Open SDG "Progress Measurement Methodology" (docs/progress-methodology.md
 * of open-sdg/open-sdg, used by the UK and US national SDG platforms, method of
 * Statistics Canada inspired by Eurostat's; see also the UN Statistics Division
 * "Progress Chart Technical Note"):
 *
 *   observed CAGR  = (y_last / y_first) ^ (1 / (t_last - t_first)) - 1
 *   required CAGR  = (y_target / y_baseline) ^ (1 / (t_target - t_baseline)) - 1
 *   R              = d x observed / |required|   (d = +1 to increase, -1 to decrease)
 *
 *   target reached -> achieved; R >= 95 % on track; R >= 60 % acceleration
 *   needed; R >= 0 limited progress; R < 0 deterioration.
 *
 * Times are in years (days / 365.25) between the ends of the periods, or the
 * baseline and target dates. Edge cases, as Open SDG does: a zero value is
 * replaced by 0.001 (an exponential model cannot start from or reach zero,
 * so read such results with care); when every value is negative the series is
 * mirrored (absolute values, desired direction flipped); a series that changes
 * sign cannot be assessed. At least TREND_MIN_VALUES values are needed.
 */
import {
  daysBetween,
  type ExplanationLine,
  type IndicatorDefinition,
  isMilestoneLike,
  type Observation,
  percent,
  reachesTarget,
} from './progress';

export const TREND_CATEGORIES = [
  'achieved',
  'on_track',
  'acceleration_needed',
  'limited_progress',
  'deterioration',
] as const;
export type TrendCategory = (typeof TREND_CATEGORIES)[number];

/** Thresholds on R (Open SDG). */
export const TREND_ON_TRACK_MIN = 0.95;
export const TREND_ACCELERATION_MIN = 0.6;
export const TREND_MIN_VALUES = 3;
/** Open SDG's replacement for a zero base or target value. */
export const ZERO_REPLACEMENT = 0.001;

export interface TrendAssessment {
  /** null when the series cannot be assessed (see reason). */
  category: TrendCategory | null;
  /** Observed compound annual growth rate (0.05 = +5 % a year). */
  observedRate: number | null;
  requiredRate: number | null;
  /** R = d x observed / |required|. */
  ratio: number | null;
  reason: string | null;
  explanation: ExplanationLine[];
}

const YEAR_DAYS = 365.25;

function unable(reason: string, params: Record<string, string | number> = {}): TrendAssessment {
  return {
    category: null,
    observedRate: null,
    requiredRate: null,
    ratio: null,
    reason,
    explanation: [{ code: reason, params }],
  };
}

function cagr(from: number, to: number, years: number): number {
  return (to / from) ** (1 / years) - 1;
}

export function trendCategoryOf(ratio: number): Exclude<TrendCategory, 'achieved'> {
  if (ratio >= TREND_ON_TRACK_MIN) return 'on_track';
  if (ratio >= TREND_ACCELERATION_MIN) return 'acceleration_needed';
  if (ratio >= 0) return 'limited_progress';
  return 'deterioration';
}

/**
 * The compound-growth assessment of a quantified indicator; undefined for
 * milestones, yes/no and text indicators, where a growth rate means nothing.
 */
export function assessTrend(
  def: IndicatorDefinition,
  observations: readonly Observation[],
): TrendAssessment | undefined {
  if (def.kind === 'text' || isMilestoneLike(def)) return undefined;
  const series = observations
    .filter((o): o is Observation & { value: number } => o.value !== null)
    .sort((a, b) => (a.periodEnd < b.periodEnd ? -1 : a.periodEnd > b.periodEnd ? 1 : 0));
  if (series.length < TREND_MIN_VALUES) {
    return unable('progress.trend.reason.tooFewValues', { count: series.length, min: TREND_MIN_VALUES });
  }
  const { baselineValue: b, targetValue: t, baselineDate, targetDate } = def;
  if (b === null || t === null || !baselineDate || !targetDate) return unable('progress.trend.reason.notQuantified');
  const first = series[0];
  const last = series[series.length - 1];
  if (reachesTarget(def, last.value)) {
    return {
      category: 'achieved',
      observedRate: null,
      requiredRate: null,
      ratio: null,
      reason: null,
      explanation: [{ code: 'progress.trend.explain.achieved', params: { period: last.period } }],
    };
  }
  const raw = [first.value, last.value, b, t];
  const zeroReplaced = raw.some((v) => v === 0);
  const numbers = raw.map((v) => (v === 0 ? ZERO_REPLACEMENT : v));
  const negative = numbers.every((v) => v < 0);
  if (!negative && numbers.some((v) => v < 0)) return unable('progress.trend.reason.signChange');
  const [y0, y1, yb, yt] = numbers.map(Math.abs);
  let d = def.direction === 'decrease' ? -1 : def.direction === 'increase' ? 1 : Math.sign(t - b);
  if (negative) d = -d;
  const observedYears = daysBetween(first.periodEnd, last.periodEnd) / YEAR_DAYS;
  const requiredYears = daysBetween(baselineDate, targetDate) / YEAR_DAYS;
  if (observedYears <= 0 || requiredYears <= 0) return unable('progress.trend.reason.noTimeSpan');
  const observedRate = cagr(y0, y1, observedYears);
  const requiredRate = cagr(yb, yt, requiredYears);
  if (d === 0 || Math.abs(requiredRate) < 1e-12) return unable('progress.trend.reason.noRequiredChange');
  const ratio = (d * observedRate) / Math.abs(requiredRate);
  const category = trendCategoryOf(ratio);
  const explanation: ExplanationLine[] = [
    {
      code: 'progress.trend.explain.rates',
      params: {
        observed: percent(observedRate),
        required: percent(requiredRate),
        from: first.period,
        to: last.period,
        deadline: targetDate,
      },
    },
    {
      code: 'progress.trend.explain.ratio',
      params: {
        ratio: percent(ratio),
        onTrackMin: percent(TREND_ON_TRACK_MIN),
        accelerationMin: percent(TREND_ACCELERATION_MIN),
      },
    },
  ];
  if (zeroReplaced)
    explanation.push({ code: 'progress.trend.explain.zeroReplaced', params: { replacement: ZERO_REPLACEMENT } });
  if (negative) explanation.push({ code: 'progress.trend.explain.negativeMirrored', params: {} });
  return { category, observedRate, requiredRate, ratio, reason: null, explanation };
}
