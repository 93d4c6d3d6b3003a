/**
 * The preview of a plan file, computed from its bytes and the user's choices
 * (sheet, column mapping, title, kind, years) without touching the database.
 * The upload flow recomputes it on every request rather than storing it, so
 * a fix to a reader applies to uploads already waiting for their commit.
 */
import { z } from 'zod';
import { detectPlanSource } from './detect-plan-kind';
import { readTabularFile, type TabularFile } from './file-reader';
import {
  countPlan,
  type ImportMessage,
  type ParsedPlan,
  type ParseResult,
  type PlanCounts,
  type RowReport,
  type SdgReview,
} from './parsed-plan';
import { isSdgMatrixHeader, parseSdgMatrix } from './sdg-matrix';
import { parseSeedPlanRows } from './seed-plan';
import { type ColumnMapping, detectColumns, findHeaderRow, type PlanField, rowsToPlan } from './tabular-plan';

export type PlanSource = 'seed-plan' | 'sdg-matrix' | 'tabular';

/** The fields a column can be mapped to, in the order the mapping step offers them. */
export const PLAN_FIELDS = [
  'workstream',
  'objective',
  'target',
  'action',
  'pilot',
  'indicators',
  'sdgs',
  'axes',
  'status',
  'startDate',
  'endDate',
  'fte',
  'budget',
  'description',
] as const satisfies readonly PlanField[];

/** What the user chooses on the preview page; `null` years mean "unknown", absent ones "as read from the file". */
export const importOptionsSchema = z.object({
  mapping: z.partialRecord(z.enum(PLAN_FIELDS), z.number().int().min(0).max(1000)).optional(),
  title: z.string().trim().min(1).max(300).optional(),
  kind: z.enum(['multi_year', 'yearly']).optional(),
  startYear: z.number().int().min(1900).max(2200).nullable().optional(),
  endYear: z.number().int().min(1900).max(2200).nullable().optional(),
  sheet: z.number().int().min(0).max(200).optional(),
});
export type ImportOptions = z.infer<typeof importOptionsSchema>;

export interface ImportPreview {
  source: PlanSource;
  format: string;
  encoding: string | null;
  delimiter: string | null;
  title: string;
  kind: 'multi_year' | 'yearly';
  startYear: number | null;
  endYear: number | null;
  /** Tabular files: the header row, the mapping in use, the sheets to choose from. */
  header: string[] | null;
  mapping: ColumnMapping | null;
  sheets: string[];
  counts: PlanCounts;
  warnings: ImportMessage[];
  rows: RowReport[];
  reviews: SdgReview[];
  rejectedRows: number;
  /** False when any row is rejected: the import is all-or-nothing. */
  committable: boolean;
}

export type PreviewResult =
  | { ok: true; value: { preview: ImportPreview; plan: ParsedPlan } }
  | { ok: false; error: ImportMessage };

/** What the mapping step needs, available even when the preview itself fails (no action column yet, wrong sheet). */
export interface UploadTable {
  source: PlanSource | 'unknown';
  sheets: string[];
  sheet: number;
  header: string[] | null;
  mapping: ColumnMapping | null;
}

function baseName(filename: string): string {
  return filename.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '') || filename;
}

/** Rows looked at for a header: a plan's header sits near the top, under a title or two. */
const HEADER_SEARCH_ROWS = 30;
const NUMBER = /^[-+]?\d+([.,]\d+)?\s*%?$/;

/**
 * The header of a table: a row with recognised plan headings, else the first
 * row of labels (two filled cells or more, no bare number), so that a table
 * with unknown headings can still be mapped by hand.
 */
function findTableHeader(rows: readonly string[][]): number {
  const known = findHeaderRow(rows);
  if (known >= 0) return known;
  return rows.slice(0, HEADER_SEARCH_ROWS).findIndex((row) => {
    const filled = row.map((c) => c.trim()).filter((c) => c !== '');
    return filled.length >= 2 && filled.every((c) => !NUMBER.test(c));
  });
}

/** The sheet asked for, else the first sheet holding a plan header (workbooks often open on an instructions tab). */
function chooseSheet(file: TabularFile, requested: number | undefined): number {
  const last = Math.max(0, file.sheets.length - 1);
  if (requested !== undefined) return Math.min(requested, last);
  const found = file.sheets.findIndex((s) => findHeaderRow(s.rows) >= 0 || s.rows.some(isSdgMatrixHeader));
  return Math.max(found, 0);
}

interface ReadTable {
  file: TabularFile;
  table: UploadTable;
  /** The rows the reader works on: the sheet's cells, or for the seed and matrix readers the text cut at tabs. */
  rows: string[][];
  text: string;
  headerRow: number;
}

function readTable(
  bytes: Uint8Array,
  options: ImportOptions,
  maxMb: number,
): { ok: true; value: ReadTable } | { ok: false; error: ImportMessage } {
  const read = readTabularFile(bytes, { maxBytes: maxMb * 1024 * 1024 });
  if (!read.ok) return read;
  const file = read.value;
  const sheet = chooseSheet(file, options.sheet);
  const sheetRows = file.sheets[sheet]?.rows ?? [];
  // The kind of plan is read from the chosen sheet only: another tab may hold something else.
  const source = detectPlanSource(file.sheets.length > 1 ? { ...file, sheets: [{ name: '', rows: sheetRows }] } : file);
  // The seed and matrix readers work on tab-separated lines, whatever the file's own delimiter or format was.
  const text = file.format === 'text' && file.text !== null ? file.text : sheetRows.map((r) => r.join('\t')).join('\n');
  // Spreadsheets and CSV keep their parsed rows (a cell may hold a line break); plain text is cut at tabs.
  const rows =
    source === 'tabular' || (source === 'seed-plan' && file.format !== 'text')
      ? sheetRows
      : text
          .replace(/^\uFEFF/, '')
          .split(/\r\n|\n|\r/)
          .map((line) => line.split('\t'));
  const table: UploadTable = { source, sheets: file.sheets.map((s) => s.name), sheet, header: null, mapping: null };
  const headerRow = source === 'tabular' ? findTableHeader(rows) : source === 'seed-plan' ? findHeaderRow(rows) : -1;
  if (headerRow >= 0) {
    table.header = rows[headerRow];
    table.mapping = options.mapping ? { ...options.mapping } : detectColumns(table.header);
  }
  return { ok: true, value: { file, table, rows, text, headerRow } };
}

function parse(read: ReadTable, filename: string, options: ImportOptions): ParseResult {
  const { table, rows, text, headerRow } = read;
  if (table.source === 'sdg-matrix') return parseSdgMatrix(text);
  if (table.source === 'seed-plan')
    return options.mapping ? remapSeedPlan(read, options.mapping) : parseSeedPlanRows(rows);
  if (table.source !== 'tabular' || headerRow < 0 || !table.mapping)
    return { ok: false, error: { code: 'import.plan.notAPlan' } };
  return rowsToPlan(rows, headerRow, table.mapping, {
    title: options.title ?? baseName(filename),
    kind: options.kind ?? 'multi_year',
    startYear: options.startYear ?? null,
    endYear: options.endYear ?? null,
  });
}

/**
 * A file in the seed format whose columns the user mapped by hand: the lines
 * above the header (title, means) are still read as the seed reader reads
 * them, the table under it with the user's mapping.
 */
function remapSeedPlan(read: ReadTable, mapping: ColumnMapping): ParseResult {
  const seed = parseSeedPlanRows(read.rows);
  if (!seed.ok) return seed;
  const { title, kind, startYear, endYear, means } = seed.value;
  const mapped = rowsToPlan(read.rows, read.headerRow, mapping, { title, kind, startYear, endYear });
  if (!mapped.ok) return mapped;
  const plan = mapped.value;
  plan.means = means;
  plan.rows = [...seed.value.rows.filter((r) => r.row <= read.headerRow), ...plan.rows];
  // The preamble's only warning is a missing title; the table's warnings come from the new mapping.
  plan.warnings = [...seed.value.warnings.filter((w) => w.code === 'import.plan.titleMissing'), ...plan.warnings];
  return mapped;
}

/** The user's title, kind and years win over what the file says, whatever the reader. */
function applyOptions(plan: ParsedPlan, options: ImportOptions, filename: string): void {
  // A table without a title line above it is named after its file until the user names it.
  if (plan.title.trim() === '') plan.title = baseName(filename);
  if (options.title !== undefined) plan.title = options.title;
  if (options.kind !== undefined) plan.kind = options.kind;
  if (options.startYear !== undefined) plan.startYear = options.startYear;
  if (options.endYear !== undefined) plan.endYear = options.endYear;
}

/** Reads any supported file and parses the plan in it, without touching the database. */
export function previewPlanFile(
  bytes: Uint8Array,
  filename: string,
  options: ImportOptions = {},
  maxMb = 10,
): PreviewResult {
  return previewWithTable(bytes, filename, options, maxMb).result;
}

/** The preview plus the sheets and columns for the mapping step, which stay available when the preview is refused. */
export function previewWithTable(
  bytes: Uint8Array,
  filename: string,
  options: ImportOptions = {},
  maxMb = 10,
): { result: PreviewResult; table: UploadTable | null } {
  const read = readTable(bytes, options, maxMb);
  if (!read.ok) return { result: read, table: null };
  return { result: preview(read.value, filename, options), table: read.value.table };
}

function preview(read: ReadTable, filename: string, options: ImportOptions): PreviewResult {
  const { file, table } = read;
  const parsed = parse(read, filename, options);
  if (!parsed.ok) return parsed;
  const plan = parsed.value;
  applyOptions(plan, options, filename);
  const counts = countPlan(plan);
  if (counts.actions === 0 || table.source === 'unknown') return { ok: false, error: { code: 'import.plan.notAPlan' } };
  const rejectedRows = plan.rows.filter((r) => r.outcome === 'rejected').length;
  return {
    ok: true,
    value: {
      plan,
      preview: {
        source: table.source,
        format: file.format,
        encoding: file.encoding,
        delimiter: file.delimiter,
        title: plan.title,
        kind: plan.kind,
        startYear: plan.startYear,
        endYear: plan.endYear,
        header: table.header,
        mapping: table.mapping,
        sheets: table.sheets,
        counts,
        warnings: plan.warnings,
        rows: plan.rows,
        reviews: plan.reviews,
        rejectedRows,
        committable: rejectedRows === 0,
      },
    },
  };
}
