/** Tabular import of a module's records: heading row found by name, row-by-row report, all-or-nothing commit. */
export {
  DEFAULT_MAX_RECORD_ROWS,
  type ImportColumn,
  type ImportCounts,
  type ImportNote,
  type RecordImportSpec,
  type RowOutcome,
  type RowReport,
  type RowStatus,
} from './record-import';
export {
  commitRecordImport,
  createRecordImport,
  getRecordImport,
  importRecords,
  type RecordImportCommitResult,
  type RecordImportPreview,
  type RecordImportReport,
  type RecordImportView,
} from './record-import.service';
