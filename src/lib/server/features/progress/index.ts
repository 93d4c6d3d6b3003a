/** Progress and status of indicators, explained, rolled up to objectives, workstreams, plans, SDGs and axes. */
export { explanationTexts, localizeParams } from './explain';
export {
  type AxisRollUp,
  assembleProgress,
  type DueInfo,
  type IndicatorProgress,
  type ObjectiveRollUp,
  type OverdueInfo,
  type PlanRollUp,
  type ProgressReport,
  type SdgRollUp,
  type WorkstreamRollUp,
} from './plan-progress';
export {
  assessIndicator,
  COUNTED_STATES,
  DEFAULT_PROGRESS_SETTINGS,
  DIRECTIONS,
  type Direction,
  daysBetween,
  type ExplanationLine,
  INDICATOR_KINDS,
  type IndicatorAssessment,
  type IndicatorDefinition,
  type IndicatorKind,
  isDone,
  isMilestoneLike,
  type Observation,
  PROGRESS_STATUSES,
  type ProgressSettings,
  type ProgressStatus,
  reachesTarget,
  type Thresholds,
  thresholdsOf,
} from './progress';
export {
  getIndicatorProgress,
  getInstitutionProgress,
  getPlanProgress,
  getProgressSettings,
  type IndicatorProgressPage,
  type PlanProgress,
  type ProgressSettingsInput,
  progressSettingsSchema,
  type SavedProgressSettings,
  updateProgressSettings,
} from './progress.service';
export { cachedProgress } from './progress-cache';
export {
  NO_DATA_MAX_SHARE,
  type RollUp,
  type RollUpOptions,
  rollUp,
  rollUpBy,
  STATUS_SEVERITY,
  type StatusCounts,
} from './rollup';
export { type SeriesPoint, trajectorySeries } from './series';
export {
  assessTrend,
  TREND_ACCELERATION_MIN,
  TREND_CATEGORIES,
  TREND_MIN_VALUES,
  TREND_ON_TRACK_MIN,
  type TrendAssessment,
  type TrendCategory,
} from './trend';
