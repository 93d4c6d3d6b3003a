/** Indicators: definitions, values per period (entered by hand or computed by a module) with evidence, submission and validation, history kept forever. */
export {
  type RefreshOptions,
  type RefreshReport,
  refreshComputedValues,
} from './computed-values';
export {
  type DefinitionEdit,
  definitionEditSchema,
  type InferredDefinition,
  inferDefinition,
  type TargetInput,
} from './definitions';
export { type DefinitionErrorCode, enrichPlanIndicators, updateIndicatorDefinition } from './definitions.service';
export { loadDemoValues } from './demo-values';
export { checkEvidenceFile, type DetectedType, type EvidenceCheck } from './evidence';
export { type EvidenceDownload, getEvidenceDownload } from './evidence.service';
export {
  getDefinitionFormOptions,
  getIndicatorPage,
  type IndicatorDefinition,
  type IndicatorPage,
  listIndicatorValues,
  listValueHistory,
} from './indicator-page.service';
export {
  canEditDefinition,
  canEnterValues,
  canImportValues,
  canReviewValues,
  INDICATOR_DIRECTIONS,
  INDICATOR_KINDS,
  type IndicatorDirection,
  type IndicatorKind,
  isNumericKind,
  isYesNoKind,
  parseDecimalMilli,
  periodOfYear,
  readValue,
  VALUE_STATES,
  type ValueState,
} from './indicators';
export { listIndicatorIdsOfPerson } from './indicators.queries';
export {
  chooseYear,
  getMyValuesPage,
  type MyValueEntry,
  type MyValueRow,
  type MyValuesPage,
  type MyValuesResult,
  recordMyValues,
} from './my-values.service';
export {
  dueDate,
  isPeriodicity,
  lastEndedPeriod,
  PERIODICITIES,
  type Period,
  type Periodicity,
  parsePeriod,
  periodContaining,
  periodsBetween,
} from './periods';
export { linkIndicatorsToSources, type SeedIndicatorLink, type SourceLinkReport } from './source-links';
export { INDICATOR_SOURCES, type IndicatorSource, MANUAL_SOURCE, sourceOptions } from './sources';
export type { ValueErrorCode, ValueResult } from './value-context';
export {
  commitValueImport,
  MAX_VALUE_ROWS,
  previewValueImport,
  type ValueImportCommitResult,
  type ValueImportCounts,
  type ValueImportMessage,
  type ValueImportPreview,
  type ValueImportPreviewResult,
  type ValueImportReport,
  type ValueRowReport,
  type ValueRowStatus,
} from './value-import';
export {
  commitValueImportUpload,
  createValueImport,
  getValueImport,
  VALUE_IMPORT_SOURCE,
  type ValueImportView,
} from './value-import-upload';
export { returnValue, submitValue, type ValueRef, validateValue } from './value-review.service';
export type { HistoryEntry, HistoryEvent, ValueView } from './values.queries';
export { type RecordedValue, type RecordOptions, recordValue, type ValueInput } from './values.service';
