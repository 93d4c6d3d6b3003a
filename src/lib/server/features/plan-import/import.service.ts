import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema';
import { newId, nowIso } from '../../db/ids';
import type { Actor } from '../audit';
import { canImportPlan, type SessionUser } from '../auth';
import { insertParsedPlan, type PilotMatchStats } from './commit';
import { detectPlanSource } from './detect-plan-kind';
import { readTabularFile } from './file-reader';
import {
  countPlan,
  type ImportMessage,
  type ParsedPlan,
  type PlanCounts,
  type RowReport,
  type SdgReview,
} from './parsed-plan';
import { parseSdgMatrix } from './sdg-matrix';
import { parseSeedPlan } from './seed-plan';
import { type ColumnMapping, detectColumns, findHeaderRow, type PlanField, rowsToPlan } from './tabular-plan';

export type PlanSource = 'seed-plan' | 'sdg-matrix' | 'tabular';

/** What the user chooses on the mapping step (tabular files only). */
export const importOptionsSchema = z.object({
  mapping: z.record(z.string(), z.number().int().min(0).max(500)).optional(),
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

export type PreviewResult = { ok: true; value: { preview: ImportPreview; plan: ParsedPlan } } | { ok: false; error: ImportMessage };

function baseName(filename: string): string {
  return filename.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '') || filename;
}

/** Reads any supported file and parses the plan in it, without touching the database. */
export function previewPlanFile(bytes: Uint8Array, filename: string, options: ImportOptions = {}, maxMb = 10): PreviewResult {
  const read = readTabularFile(bytes, { maxBytes: maxMb * 1024 * 1024 });
  if (!read.ok) return read;
  const file = read.value;
  const source = detectPlanSource(file);
  let parsed: ReturnType<typeof parseSeedPlan>;
  let header: string[] | null = null;
  let mapping: ColumnMapping | null = null;
  const sheetIndex = Math.min(options.sheet ?? 0, Math.max(0, file.sheets.length - 1));
  // The seed and matrix readers work on tab-separated lines, whatever the file's own delimiter or format was.
  const text =
    file.format === 'text' && file.text !== null
      ? file.text
      : (file.sheets[sheetIndex]?.rows.map((r) => r.join('\t')).join('\n') ?? '');
  if (source === 'seed-plan') {
    parsed = parseSeedPlan(text);
  } else if (source === 'sdg-matrix') {
    parsed = parseSdgMatrix(text);
  } else if (source === 'tabular') {
    const rows = file.sheets[sheetIndex]?.rows ?? [];
    const headerRow = findHeaderRow(rows);
    if (headerRow < 0) return { ok: false, error: { code: 'import.plan.notAPlan' } };
    header = rows[headerRow];
    mapping = options.mapping ? (options.mapping as ColumnMapping) : detectColumns(header);
    parsed = rowsToPlan(rows, headerRow, mapping, {
      title: options.title ?? baseName(filename),
      kind: options.kind ?? 'multi_year',
      startYear: options.startYear ?? null,
      endYear: options.endYear ?? null,
    });
  } else {
    return { ok: false, error: { code: 'import.plan.notAPlan' } };
  }
  if (!parsed.ok) return parsed;
  const plan = parsed.value;
  if (options.title && source !== 'tabular') plan.title = options.title;
  const counts = countPlan(plan);
  if (counts.actions === 0) return { ok: false, error: { code: 'import.plan.notAPlan' } };
  const rejectedRows = plan.rows.filter((r) => r.outcome === 'rejected').length;
  return {
    ok: true,
    value: {
      plan,
      preview: {
        source,
        format: file.format,
        encoding: file.encoding,
        delimiter: file.delimiter,
        title: plan.title,
        kind: plan.kind,
        startYear: plan.startYear,
        endYear: plan.endYear,
        header,
        mapping,
        sheets: file.sheets.map((s) => s.name),
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

export interface CommitReport {
  planId: string;
  preview: ImportPreview;
  pilots: PilotMatchStats;
  warnings: ImportMessage[];
}

export type CommitResult = { ok: true; value: CommitReport } | { ok: false; error: ImportMessage };

/** Parses and stores a plan in one transaction: everything lands, or nothing does. */
export async function importPlanFile(
  db: Kysely<DB>,
  input: { institutionId: string; actor: Actor; bytes: Uint8Array; filename: string; options?: ImportOptions; maxMb?: number },
): Promise<CommitResult> {
  const previewed = previewPlanFile(input.bytes, input.filename, input.options, input.maxMb);
  if (!previewed.ok) return previewed;
  const { preview, plan } = previewed.value;
  if (!preview.committable) {
    return { ok: false, error: { code: 'import.plan.hasRejectedRows', params: { count: preview.rejectedRows } } };
  }
  const stored = await db.transaction().execute((trx) =>
    insertParsedPlan(trx, { institutionId: input.institutionId, actor: input.actor, plan, sourceName: input.filename }),
  );
  return {
    ok: true,
    value: { planId: stored.planId, preview, pilots: stored.stats, warnings: [...preview.warnings, ...stored.warnings] },
  };
}

// ---- Web flow: upload -> preview (and mapping) -> commit, across requests and processes ----

export async function createUpload(
  db: Kysely<DB>,
  user: SessionUser,
  input: { filename: string; bytes: Uint8Array; maxMb: number },
): Promise<{ ok: true; value: { id: string } } | { ok: false; error: ImportMessage }> {
  if (!canImportPlan(user)) return { ok: false, error: { code: 'errors.forbidden' } };
  const previewed = previewPlanFile(input.bytes, input.filename, {}, input.maxMb);
  if (!previewed.ok) return previewed;
  const id = newId();
  await db
    .insertInto('import_upload')
    .values({
      id,
      institution_id: user.institutionId,
      user_id: user.id,
      filename: input.filename.slice(0, 255),
      byte_size: input.bytes.byteLength,
      content_base64: Buffer.from(input.bytes).toString('base64'),
      source_kind: previewed.value.preview.source,
      mapping_json: null,
      status: 'preview',
      plan_id: null,
      report_json: null,
      created_at: nowIso(),
      committed_at: null,
    })
    .execute();
  return { ok: true, value: { id } };
}

async function findUpload(db: Kysely<DB>, user: SessionUser, uploadId: string) {
  return db
    .selectFrom('import_upload')
    .selectAll()
    .where('id', '=', uploadId)
    .where('institution_id', '=', user.institutionId)
    .executeTakeFirst();
}

export interface UploadView {
  id: string;
  filename: string;
  status: string;
  planId: string | null;
  options: ImportOptions;
  result: PreviewResult;
  report: CommitReport | null;
}

export async function getUpload(db: Kysely<DB>, user: SessionUser, uploadId: string): Promise<UploadView | undefined> {
  if (!canImportPlan(user)) return undefined;
  const row = await findUpload(db, user, uploadId);
  if (!row) return undefined;
  const options = importOptionsSchema.parse(row.mapping_json ? JSON.parse(row.mapping_json) : {});
  return {
    id: row.id,
    filename: row.filename,
    status: row.status,
    planId: row.plan_id,
    options,
    result: previewPlanFile(Buffer.from(row.content_base64, 'base64'), row.filename, options),
    report: row.report_json ? (JSON.parse(row.report_json) as CommitReport) : null,
  };
}

/** Saves the user's mapping choices; the preview is recomputed from them. */
export async function saveUploadOptions(db: Kysely<DB>, user: SessionUser, uploadId: string, options: ImportOptions): Promise<boolean> {
  if (!canImportPlan(user)) return false;
  const r = await db
    .updateTable('import_upload')
    .set({ mapping_json: JSON.stringify(options) })
    .where('id', '=', uploadId)
    .where('institution_id', '=', user.institutionId)
    .where('status', '=', 'preview')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Commits an upload once. A second commit (double click, two tabs) is refused. */
export async function commitUpload(db: Kysely<DB>, user: SessionUser, uploadId: string): Promise<CommitResult> {
  if (!canImportPlan(user)) return { ok: false, error: { code: 'errors.forbidden' } };
  const row = await findUpload(db, user, uploadId);
  if (!row) return { ok: false, error: { code: 'errors.notFound' } };
  if (row.status !== 'preview') return { ok: false, error: { code: 'import.plan.alreadyCommitted' } };
  const options = importOptionsSchema.parse(row.mapping_json ? JSON.parse(row.mapping_json) : {});
  const previewed = previewPlanFile(Buffer.from(row.content_base64, 'base64'), row.filename, options);
  if (!previewed.ok) return previewed;
  const { preview, plan } = previewed.value;
  if (!preview.committable) {
    return { ok: false, error: { code: 'import.plan.hasRejectedRows', params: { count: preview.rejectedRows } } };
  }
  return db.transaction().execute(async (trx) => {
    const claimed = await trx
      .updateTable('import_upload')
      .set({ status: 'committed', committed_at: nowIso() })
      .where('id', '=', uploadId)
      .where('status', '=', 'preview')
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) {
      return { ok: false, error: { code: 'import.plan.alreadyCommitted' } } as CommitResult;
    }
    const stored = await insertParsedPlan(trx, {
      institutionId: user.institutionId,
      actor: { userId: user.id, label: user.displayName },
      plan,
      sourceName: row.filename,
    });
    const report: CommitReport = {
      planId: stored.planId,
      preview,
      pilots: stored.stats,
      warnings: [...preview.warnings, ...stored.warnings],
    };
    await trx
      .updateTable('import_upload')
      .set({ plan_id: stored.planId, report_json: JSON.stringify(report) })
      .where('id', '=', uploadId)
      .execute();
    return { ok: true, value: report } as CommitResult;
  });
}

export const PLAN_FIELDS: readonly PlanField[] = [
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
];
