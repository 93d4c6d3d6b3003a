/**
 * Bulk import of indicator values from a CSV, TSV, XLSX or ODS file: the
 * values export read back, or a table filled by hand. Same rule as the bulk
 * entry form and plan imports: the preview checks every row and says, line by
 * line, what would happen; the commit checks again and records every value in
 * one transaction, or nothing at all when a single row is wrong.
 *
 * Each value takes the path of a value typed on the indicator page
 * (prepareValue, then writeValue): a new version, history kept, the importing
 * user as author, and "Import <file name>" as the reason of a correction. A
 * row that would change a value already submitted or validated is refused:
 * as on the bulk entry form, such a value is corrected on the indicator page,
 * with a reason a person writes.
 */
import type { Kysely } from 'kysely';
import { newId } from '../../db/ids';
import type { DB } from '../../db/schema';
import { recordAudit } from '../audit';
import type { SessionUser } from '../auth';
import { type FileFormat, readTabularFile, type TextEncoding } from '../plan-import/file-reader';
import { cleanFilename } from './evidence';
import { canImportValues, MAX_TEXT_LENGTH } from './indicators';
import { inTransaction, type ValueErrorCode } from './value-context';
import { findValueTable, type ValueTable } from './value-import-columns';
import { checkValueRows, type ValueImportMessage, type ValueRowReport, type ValueRowStatus } from './value-import-rows';
import { applyTransition, SUBMIT } from './value-review.service';
import { authorOf, entryLimits, type RecordOptions, writeValue } from './values.service';

export type { ValueImportMessage, ValueRowReport, ValueRowStatus } from './value-import-rows';

const MIB = 1024 * 1024;
/**
 * Every value of an institution for several years fits far below this; it also
 * bounds the one transaction of the commit (a few statements per row).
 */
export const MAX_VALUE_ROWS = 5_000;

export type ValueImportCounts = Record<ValueRowStatus, number>;

export interface ValueImportPreview {
  filename: string;
  format: FileFormat;
  encoding: TextEncoding | null;
  delimiter: string | null;
  sheet: string;
  rows: ValueRowReport[];
  counts: ValueImportCounts;
  /** No row in error: the commit may run. */
  committable: boolean;
}

export interface ValueImportReport {
  preview: ValueImportPreview;
  /** Values written (new values and new versions). */
  saved: number;
  submitted: number;
}

export type ValueImportPreviewResult =
  | { ok: true; value: ValueImportPreview }
  | { ok: false; error: ValueImportMessage };
export type ValueImportCommitResult =
  | { ok: true; value: ValueImportReport }
  | { ok: false; error: ValueImportMessage; preview?: ValueImportPreview };

export interface ValueImportFile {
  bytes: Uint8Array;
  filename: string;
}

/** What the preview says about the file itself. */
type FileFacts = Pick<ValueImportPreview, 'filename' | 'format' | 'encoding' | 'delimiter'>;
type Refusal = { ok: false; error: ValueImportMessage };
type ReadResult = { ok: true; value: { file: FileFacts; table: ValueTable } } | Refusal;

const refuse = (code: string, params?: Record<string, string | number>): Refusal => ({
  ok: false,
  error: params ? { code, params } : { code },
});

/**
 * Reads the file and finds its values table, or says why not. The reader
 * judges the type from the bytes, never evaluates a formula, and caps every
 * cell one character past the longest text kept, so that an oversized cell
 * is refused by the value checks rather than silently cut.
 */
export function readValueFile(input: ValueImportFile, options: RecordOptions = {}): ReadResult {
  const read = readTabularFile(input.bytes, {
    maxBytes: entryLimits(options).maxMb * MIB,
    maxRows: MAX_VALUE_ROWS,
    maxCellChars: MAX_TEXT_LENGTH + 1,
  });
  if (!read.ok) {
    // The reader's own message asks for a plan; this one asks for values.
    if (read.error.code === 'import.file.unsupportedType')
      return refuse('indicators.import.file.unsupportedType', read.error.params);
    return { ok: false, error: read.error };
  }
  const table = findValueTable(read.value.sheets);
  if (!table) return refuse('indicators.import.file.notValues');
  if (table.rows.length === 0) return refuse('indicators.import.file.noRows');
  const { format, encoding, delimiter } = read.value;
  return { ok: true, value: { file: { filename: cleanFilename(input.filename), format, encoding, delimiter }, table } };
}

function previewOf(file: FileFacts, table: ValueTable, rows: ValueRowReport[]): ValueImportPreview {
  const counts: ValueImportCounts = { ok: 0, unchanged: 0, skipped: 0, error: 0 };
  for (const r of rows) counts[r.status]++;
  return { ...file, sheet: table.sheet, rows, counts, committable: counts.error === 0 };
}

/** What importing the file would do, row by row; nothing is written. */
export async function previewValueImport(
  db: Kysely<DB>,
  user: SessionUser,
  input: ValueImportFile,
  options: RecordOptions = {},
): Promise<ValueImportPreviewResult> {
  if (!canImportValues(user)) return refuse('errors.forbidden');
  const read = readValueFile(input, options);
  if (!read.ok) return read;
  const checked = await checkValueRows(db, user, read.value.table, { filename: input.filename, options });
  return { ok: true, value: previewOf(read.value.file, read.value.table, checked.rows) };
}

/** Hooks of a stored upload (value-import-upload.ts), run inside the commit's transaction. */
export interface StoredImport {
  id: string;
  /** Marks the upload committed; false when another request already did. */
  claim(trx: Kysely<DB>): Promise<boolean>;
  saveReport(trx: Kysely<DB>, report: ValueImportReport): Promise<void>;
}

type CommitCode = ValueErrorCode | 'indicators.import.hasErrors' | 'indicators.import.alreadyCommitted';

/**
 * Checks the file again and, when no row is in error, records every value in
 * one transaction (then submits them when asked); otherwise writes nothing.
 * The file is read before the transaction; the rows are checked inside it, so
 * that what is written is what was checked.
 */
export async function commitValueImport(
  db: Kysely<DB>,
  user: SessionUser,
  input: ValueImportFile & { submit: boolean },
  options: RecordOptions = {},
  stored?: StoredImport,
): Promise<ValueImportCommitResult> {
  if (!canImportValues(user)) return refuse('errors.forbidden');
  const read = readValueFile(input, options);
  if (!read.ok) return read;
  const { file, table } = read.value;
  let preview: ValueImportPreview | undefined;
  const done = await inTransaction<ValueImportReport, CommitCode>(db, async (trx) => {
    if (stored && !(await stored.claim(trx)))
      return { ok: false, error: { code: 'indicators.import.alreadyCommitted' } };
    const checked = await checkValueRows(trx, user, table, { filename: input.filename, options });
    preview = previewOf(file, table, checked.rows);
    if (!preview.committable) {
      return { ok: false, error: { code: 'indicators.import.hasErrors', params: { count: preview.counts.error } } };
    }
    for (const prepared of checked.writes) {
      const written = await writeValue(trx, authorOf(user), prepared);
      if (!written.ok) return written;
    }
    let submitted = 0;
    if (input.submit) {
      for (const ref of checked.refs) {
        const moved = await applyTransition(trx, user, ref, SUBMIT);
        if (moved.ok) submitted++;
        // A value already submitted or validated stays as it is.
        else if (moved.error.code !== 'indicators.value.wrongState') return moved;
      }
    }
    const report: ValueImportReport = { preview, saved: checked.writes.length, submitted };
    await recordAudit(trx, {
      institutionId: user.institutionId,
      actor: { userId: user.id, label: user.displayName },
      entityType: 'indicator_value_import',
      entityId: stored?.id ?? newId(),
      operation: 'import',
      changes: [
        { field: 'filename', before: null, after: file.filename },
        { field: 'saved', before: null, after: String(report.saved) },
        { field: 'submitted', before: null, after: String(submitted) },
      ],
    });
    await stored?.saveReport(trx, report);
    return { ok: true, value: report };
  });
  return done.ok ? done : { ok: false, error: done.error, ...(preview ? { preview } : {}) };
}
