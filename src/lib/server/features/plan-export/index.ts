/** Plan export to XLSX and CSV, in the layout the plan importer reads back (formula injection neutralised). */

export { EXPORT_HEADINGS, neutraliseCell } from './plan-export';
export {
  EXPORT_FORMATS,
  type ExportFile,
  type ExportFormat,
  exportPlan,
  findDefaultExportPlanId,
} from './plan-export.service';
