/** Plan import: the seed format, any mapped CSV/TSV/XLSX/ODS, the report's SDG matrix; preview then all-or-nothing commit. */
export {
  type CommitReport,
  commitUpload,
  createUpload,
  getUpload,
  type ImportOptions,
  type ImportPreview,
  importOptionsSchema,
  importPlanFile,
  PLAN_FIELDS,
  type PlanSource,
  previewPlanFile,
  saveUploadOptions,
  type UploadView,
} from './import.service';
export type { ImportMessage, ParsedPlan, PlanCounts, RowReport, SdgReview } from './parsed-plan';
