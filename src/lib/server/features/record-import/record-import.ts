/**
 * Generic tabular import of records (sessions' attendance lists, programmes,
 * partners, publications, events...): a module describes its columns and how
 * one row becomes a record; this file finds the heading row, reads every row
 * through the module's parser and tallies the outcomes. Pure: no I/O.
 */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema';
import type { SessionUser } from '../auth';
import { fold } from '../plan-import/cell-text';
import type { TabularFile } from '../plan-import/file-reader';

/** A message of the report: `code` is an i18n key, `params` its placeholders. */
export interface ImportNote {
  code: string;
  params?: Record<string, string | number>;
}

/** One column a module reads; `headings` lists the French and English names it accepts (any case, any accents). */
export interface ImportColumn {
  key: string;
  headings: readonly string[];
  required?: boolean;
}

export type RowOutcome<R> =
  | { status: 'valid'; record: R; label?: string; warning?: ImportNote }
  | { status: 'rejected'; error: ImportNote; label?: string }
  | { status: 'skipped'; reason: ImportNote; label?: string };

/** What a module gives to import its records. `C` is what `prepare` loads once, `P` the choices made with the upload. */
export interface RecordImportSpec<R, C, P> {
  /** `import_upload.source_kind`: one per kind of file. */
  sourceKind: string;
  columns: readonly ImportColumn[];
  maxRows?: number;
  paramsSchema: z.ZodType<P>;
  canImport(user: SessionUser): boolean;
  prepare(
    db: Kysely<DB>,
    user: SessionUser,
    params: P,
  ): Promise<{ ok: true; value: C } | { ok: false; error: ImportNote }>;
  /** One row's cells by column key, trimmed, '' when empty or absent; `rowNumber` is the row's number in the file. */
  parseRow(cells: Record<string, string>, context: C, rowNumber: number): RowOutcome<R>;
  /** Checks across rows (duplicates inside the file); returns the outcomes, possibly with valid rows rejected. */
  checkRows?(outcomes: RowOutcome<R>[], context: C): RowOutcome<R>[];
  commit(
    trx: Kysely<DB>,
    user: SessionUser,
    records: R[],
    context: C,
    params: P,
  ): Promise<{ created: number; updated: number }>;
}

export type RowStatus = 'valid' | 'warning' | 'rejected' | 'skipped';

export interface RowReport {
  row: number;
  status: RowStatus;
  label: string | null;
  note: ImportNote | null;
}

export type ImportCounts = Record<RowStatus, number>;

export const DEFAULT_MAX_RECORD_ROWS = 20_000;
/** The heading row is looked for among the first rows of each sheet (a title or a blank line may come first). */
const HEADING_SEARCH_ROWS = 10;

export interface HeadingMatch {
  sheet: number;
  /** 0-based index of the heading row in the sheet. */
  headingRow: number;
  /** Column key -> 0-based column index. */
  columnIndex: Map<string, number>;
}

function matchHeadings(row: readonly string[], columns: readonly ImportColumn[]): Map<string, number> {
  const found = new Map<string, number>();
  const folded = row.map((cell) => fold(cell));
  for (const column of columns) {
    const names = new Set(column.headings.map(fold));
    const index = folded.findIndex((cell) => cell !== '' && names.has(cell));
    if (index >= 0) found.set(column.key, index);
  }
  return found;
}

/**
 * The first row, in the first sheet that has one, naming every required
 * column; otherwise the required columns missing from the best candidate row.
 */
export function findHeadingRow(
  file: TabularFile,
  columns: readonly ImportColumn[],
): { ok: true; value: HeadingMatch } | { ok: false; error: ImportNote } {
  const required = columns.filter((c) => c.required);
  let best: Map<string, number> = new Map();
  for (const [sheetIndex, sheet] of file.sheets.entries()) {
    for (const [rowIndex, row] of sheet.rows.slice(0, HEADING_SEARCH_ROWS).entries()) {
      const found = matchHeadings(row, columns);
      if (found.size > best.size) best = found;
      if (found.size > 0 && required.every((c) => found.has(c.key))) {
        return { ok: true, value: { sheet: sheetIndex, headingRow: rowIndex, columnIndex: found } };
      }
    }
  }
  const missing = required.filter((c) => !best.has(c.key)).map((c) => c.headings[0] ?? c.key);
  return { ok: false, error: { code: 'import.records.error.missingColumns', params: { columns: missing.join(', ') } } };
}

/** Every non-empty row under the heading row, as cells by column key, with its row number in the file. */
export function rowsUnder(
  file: TabularFile,
  match: HeadingMatch,
  columns: readonly ImportColumn[],
): { rowNumber: number; cells: Record<string, string> }[] {
  const sheet = file.sheets[match.sheet];
  if (!sheet) return [];
  const rows: { rowNumber: number; cells: Record<string, string> }[] = [];
  for (let i = match.headingRow + 1; i < sheet.rows.length; i++) {
    const raw = sheet.rows[i] ?? [];
    if (raw.every((cell) => String(cell ?? '').trim() === '')) continue;
    const cells: Record<string, string> = {};
    for (const column of columns) {
      const index = match.columnIndex.get(column.key);
      cells[column.key] = index === undefined ? '' : String(raw[index] ?? '').trim();
    }
    rows.push({ rowNumber: i + 1, cells });
  }
  return rows;
}

export function reportOf<R>(rowNumber: number, outcome: RowOutcome<R>): RowReport {
  const label = outcome.label ?? null;
  switch (outcome.status) {
    case 'valid':
      return outcome.warning
        ? { row: rowNumber, status: 'warning', label, note: outcome.warning }
        : { row: rowNumber, status: 'valid', label, note: null };
    case 'rejected':
      return { row: rowNumber, status: 'rejected', label, note: outcome.error };
    case 'skipped':
      return { row: rowNumber, status: 'skipped', label, note: outcome.reason };
  }
}

export function countRows(rows: readonly RowReport[]): ImportCounts {
  const counts: ImportCounts = { valid: 0, warning: 0, rejected: 0, skipped: 0 };
  for (const r of rows) counts[r.status] += 1;
  return counts;
}

/** Parses every row of a file with the module's spec: the records to write and the report of each row. */
export function parseRecordRows<R, C, P>(
  spec: RecordImportSpec<R, C, P>,
  file: TabularFile,
  context: C,
): { ok: true; value: { records: R[]; rows: RowReport[] } } | { ok: false; error: ImportNote } {
  const match = findHeadingRow(file, spec.columns);
  if (!match.ok) return match;
  const rows = rowsUnder(file, match.value, spec.columns);
  if (rows.length === 0) return { ok: false, error: { code: 'import.records.error.noRows' } };
  const maxRows = spec.maxRows ?? DEFAULT_MAX_RECORD_ROWS;
  if (rows.length > maxRows)
    return { ok: false, error: { code: 'import.records.error.tooManyRows', params: { maxRows } } };
  let outcomes = rows.map((r) => spec.parseRow(r.cells, context, r.rowNumber));
  if (spec.checkRows) outcomes = spec.checkRows(outcomes, context);
  const records: R[] = [];
  const reports = outcomes.map((outcome, i) => {
    if (outcome.status === 'valid') records.push(outcome.record);
    return reportOf(rows[i]?.rowNumber ?? 0, outcome);
  });
  return { ok: true, value: { records, rows: reports } };
}
