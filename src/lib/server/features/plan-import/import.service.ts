/**
 * Plan import use cases: a one-shot import (demo, CLI) and the web flow
 * upload -> preview (mapping, title, years) -> commit, which spans several
 * requests and processes: the file waits in the database, never in memory.
 */
import type { Kysely } from 'kysely';
import { newId, nowIso } from '../../db/ids';
import type { DB } from '../../db/schema';
import type { Actor } from '../audit';
import { canImportPlan, type SessionUser } from '../auth';
import { VALUE_IMPORT_SOURCE } from '../indicators';
import { insertParsedPlan, type PilotMatchStats } from './commit';
import type { ImportMessage } from './parsed-plan';
import {
  type ImportOptions,
  type ImportPreview,
  importOptionsSchema,
  type PreviewResult,
  previewPlanFile,
  previewWithTable,
  type UploadTable,
} from './plan-preview';

export {
  type ImportOptions,
  type ImportPreview,
  importOptionsSchema,
  PLAN_FIELDS,
  type PlanSource,
  type PreviewResult,
  previewPlanFile,
  type UploadTable,
} from './plan-preview';

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
  input: {
    institutionId: string;
    actor: Actor;
    bytes: Uint8Array;
    filename: string;
    options?: ImportOptions;
    maxMb?: number;
  },
): Promise<CommitResult> {
  const previewed = previewPlanFile(input.bytes, input.filename, input.options, input.maxMb);
  if (!previewed.ok) return previewed;
  const { preview, plan } = previewed.value;
  if (!preview.committable) {
    return { ok: false, error: { code: 'import.plan.hasRejectedRows', params: { count: preview.rejectedRows } } };
  }
  const stored = await db.transaction().execute((trx) =>
    insertParsedPlan(trx, {
      institutionId: input.institutionId,
      actor: input.actor,
      plan,
      sourceName: input.filename,
    }),
  );
  return {
    ok: true,
    value: {
      planId: stored.planId,
      preview,
      pilots: stored.stats,
      warnings: [...preview.warnings, ...stored.warnings],
    },
  };
}

// ---- Web flow: upload -> preview (and mapping) -> commit, across requests and processes ----

const MIB = 1024 * 1024;

/** A stored upload passed the size limit when it was created; a later, lower limit must not lock it out. */
function limitFitting(byteSize: number): number {
  return Math.max(1, Math.ceil(byteSize / MIB));
}

/** Stored choices are re-validated on read: a row written by an older version falls back to the file's own reading. */
function readOptions(json: string | null): ImportOptions {
  if (!json) return {};
  try {
    const parsed = importOptionsSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

/**
 * Stores an uploaded file for its preview. A file that reads but does not yet
 * give a plan (unknown headings, plan on another sheet) is kept when the
 * mapping step can fix it; anything else is refused with the reader's reason.
 */
export async function createUpload(
  db: Kysely<DB>,
  user: SessionUser,
  input: { filename: string; bytes: Uint8Array; maxMb: number },
): Promise<{ ok: true; value: { id: string } } | { ok: false; error: ImportMessage }> {
  if (!canImportPlan(user)) return { ok: false, error: { code: 'errors.forbidden' } };
  const { result, table } = previewWithTable(input.bytes, input.filename, {}, input.maxMb);
  const mappable = table?.source === 'tabular' && (table.header !== null || table.sheets.length > 1);
  if (!result.ok && !mappable) return result;
  const sourceKind = result.ok ? result.value.preview.source : 'tabular';
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
      source_kind: sourceKind,
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
  return (
    db
      .selectFrom('import_upload')
      .selectAll()
      .where('id', '=', uploadId)
      .where('institution_id', '=', user.institutionId)
      // Indicator values files wait in this table too; they are never a plan to preview or commit.
      .where('source_kind', '!=', VALUE_IMPORT_SOURCE)
      .executeTakeFirst()
  );
}

export interface UploadView {
  id: string;
  filename: string;
  status: string;
  planId: string | null;
  options: ImportOptions;
  result: PreviewResult;
  /** Sheets and columns for the mapping step, even when `result` is a refusal; null when the file cannot be read. */
  table: UploadTable | null;
  report: CommitReport | null;
}

export async function getUpload(db: Kysely<DB>, user: SessionUser, uploadId: string): Promise<UploadView | undefined> {
  if (!canImportPlan(user)) return undefined;
  const row = await findUpload(db, user, uploadId);
  if (!row) return undefined;
  const options = readOptions(row.mapping_json);
  const bytes = Buffer.from(row.content_base64, 'base64');
  const { result, table } = previewWithTable(bytes, row.filename, options, limitFitting(row.byte_size));
  return {
    id: row.id,
    filename: row.filename,
    status: row.status,
    planId: row.plan_id,
    options,
    result,
    table,
    report: row.report_json ? (JSON.parse(row.report_json) as CommitReport) : null,
  };
}

/** Saves the user's choices (mapping, sheet, title, kind, years); the preview is recomputed from them. */
export async function saveUploadOptions(
  db: Kysely<DB>,
  user: SessionUser,
  uploadId: string,
  options: ImportOptions,
): Promise<boolean> {
  if (!canImportPlan(user)) return false;
  const parsed = importOptionsSchema.safeParse(options);
  if (!parsed.success) return false;
  const r = await db
    .updateTable('import_upload')
    .set({ mapping_json: JSON.stringify(parsed.data) })
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
  const options = readOptions(row.mapping_json);
  const previewed = previewPlanFile(
    Buffer.from(row.content_base64, 'base64'),
    row.filename,
    options,
    limitFitting(row.byte_size),
  );
  if (!previewed.ok) return previewed;
  const { preview, plan } = previewed.value;
  if (!preview.committable) {
    return { ok: false, error: { code: 'import.plan.hasRejectedRows', params: { count: preview.rejectedRows } } };
  }
  return db.transaction().execute(async (trx) => {
    // Claiming the upload inside the transaction makes two concurrent commits race on one row: one wins, the other changes nothing.
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
