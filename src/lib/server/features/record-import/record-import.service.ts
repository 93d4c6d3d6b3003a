/**
 * The web and CLI flow of a record import: upload (the file waits in
 * `import_upload` under the module's source kind, like plan and value
 * imports), preview with a row-by-row report, then one commit in one
 * transaction: a file with a rejected row writes nothing. Only the user who
 * uploaded a file sees and commits it, once.
 */
import type { Kysely } from 'kysely';
import { nowIso } from '../../db/ids';
import type { DB } from '../../db/schema';
import { recordAudit } from '../audit';
import type { SessionUser } from '../auth';
import { readTabularFile } from '../plan-import/file-reader';
import { findOwnUpload, type StoredUpload, storedFile, storeUpload } from '../plan-import/upload-store';
import {
  countRows,
  findHeadingRow,
  type ImportCounts,
  type ImportNote,
  parseRecordRows,
  type RecordImportSpec,
  type RowReport,
} from './record-import';

export interface RecordImportPreview {
  counts: ImportCounts;
  rows: RowReport[];
  /** Set when the file as a whole cannot be imported any more (a choice made with it no longer exists...). */
  error: ImportNote | null;
}

export interface RecordImportReport {
  created: number;
  updated: number;
  counts: ImportCounts;
}

export interface RecordImportView<P> {
  id: string;
  filename: string;
  params: P;
  committed: boolean;
  /** Against the records as they are now; null once committed. */
  preview: RecordImportPreview | null;
  /** What the commit did; null before it. */
  report: RecordImportReport | null;
}

export type RecordImportCommitResult =
  | { ok: true; value: RecordImportReport }
  | { ok: false; error: ImportNote; rows?: RowReport[] };

const FORBIDDEN: ImportNote = { code: 'errors.forbidden' };
const NOT_FOUND: ImportNote = { code: 'errors.notFound' };

function readParams<P>(spec: RecordImportSpec<unknown, unknown, P>, json: string | null): P | undefined {
  try {
    const parsed = spec.paramsSchema.safeParse((JSON.parse(json ?? 'null') as { params?: unknown } | null)?.params);
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

type Parsed<R, C> =
  | { ok: true; value: { records: R[]; rows: RowReport[]; context: C } }
  | { ok: false; error: ImportNote };

async function parseFile<R, C, P>(
  db: Kysely<DB>,
  user: SessionUser,
  spec: RecordImportSpec<R, C, P>,
  bytes: Uint8Array,
  params: P,
): Promise<Parsed<R, C>> {
  const file = readTabularFile(bytes);
  if (!file.ok) return { ok: false, error: { code: file.error.code, params: file.error.params } };
  const prepared = await spec.prepare(db, user, params);
  if (!prepared.ok) return prepared;
  const parsed = parseRecordRows(spec, file.value, prepared.value);
  if (!parsed.ok) return parsed;
  return { ok: true, value: { ...parsed.value, context: prepared.value } };
}

/** Stores a file whose headings the module recognises; any other file is refused with its reason and not kept. */
export async function createRecordImport<R, C, P>(
  db: Kysely<DB>,
  user: SessionUser,
  spec: RecordImportSpec<R, C, P>,
  input: { filename: string; bytes: Uint8Array; params: unknown },
): Promise<{ ok: true; value: { id: string } } | { ok: false; error: ImportNote }> {
  if (!spec.canImport(user)) return { ok: false, error: FORBIDDEN };
  const params = spec.paramsSchema.safeParse(input.params);
  if (!params.success) return { ok: false, error: { code: 'import.records.error.params' } };
  const file = readTabularFile(input.bytes);
  if (!file.ok) return { ok: false, error: { code: file.error.code, params: file.error.params } };
  const headings = findHeadingRow(file.value, spec.columns);
  if (!headings.ok) return headings;
  const prepared = await spec.prepare(db, user, params.data);
  if (!prepared.ok) return prepared;
  const id = await storeUpload(db, user, {
    sourceKind: spec.sourceKind,
    filename: input.filename.slice(0, 255) || 'import',
    bytes: input.bytes,
    mappingJson: JSON.stringify({ params: params.data }),
  });
  return { ok: true, value: { id } };
}

function viewOf<P>(row: StoredUpload, params: P): Omit<RecordImportView<P>, 'preview' | 'report'> {
  return { id: row.id, filename: row.filename, params, committed: row.status === 'committed' };
}

/** The user's upload with its preview, or its report once committed; undefined when it is not theirs. */
export async function getRecordImport<R, C, P>(
  db: Kysely<DB>,
  user: SessionUser,
  spec: RecordImportSpec<R, C, P>,
  id: string,
): Promise<RecordImportView<P> | undefined> {
  if (!spec.canImport(user)) return undefined;
  const row = await findOwnUpload(db, user, id, spec.sourceKind);
  if (!row) return undefined;
  const params = readParams(spec, row.mapping_json);
  if (params === undefined) return undefined;
  if (row.status === 'committed') {
    const report = row.report_json ? (JSON.parse(row.report_json) as RecordImportReport) : null;
    return { ...viewOf(row, params), preview: null, report };
  }
  const parsed = await parseFile(db, user, spec, storedFile(row).bytes, params);
  const preview: RecordImportPreview = parsed.ok
    ? { counts: countRows(parsed.value.rows), rows: parsed.value.rows, error: null }
    : { counts: countRows([]), rows: [], error: parsed.error };
  return { ...viewOf(row, params), preview, report: null };
}

/**
 * Writes every record of the upload in one transaction, or nothing: a
 * rejected row refuses the whole file (with the rows' report), and of two
 * concurrent commits of the same upload only one writes.
 */
export async function commitRecordImport<R, C, P>(
  db: Kysely<DB>,
  user: SessionUser,
  spec: RecordImportSpec<R, C, P>,
  id: string,
): Promise<RecordImportCommitResult> {
  if (!spec.canImport(user)) return { ok: false, error: FORBIDDEN };
  const row = await findOwnUpload(db, user, id, spec.sourceKind);
  if (!row) return { ok: false, error: NOT_FOUND };
  if (row.status !== 'preview') return { ok: false, error: { code: 'import.records.error.alreadyCommitted' } };
  const params = readParams(spec, row.mapping_json);
  if (params === undefined) return { ok: false, error: NOT_FOUND };
  const parsed = await parseFile(db, user, spec, storedFile(row).bytes, params);
  if (!parsed.ok) return parsed;
  const { records, rows, context } = parsed.value;
  const counts = countRows(rows);
  if (counts.rejected > 0) {
    return {
      ok: false,
      error: { code: 'import.records.error.rejectedRows', params: { count: counts.rejected } },
      rows,
    };
  }
  if (records.length === 0) return { ok: false, error: { code: 'import.records.error.noRows' }, rows };
  return db.transaction().execute(async (trx): Promise<RecordImportCommitResult> => {
    const claimed = await trx
      .updateTable('import_upload')
      .set({ status: 'committed', committed_at: nowIso() })
      .where('id', '=', row.id)
      .where('status', '=', 'preview')
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) {
      return { ok: false, error: { code: 'import.records.error.alreadyCommitted' } };
    }
    const written = await spec.commit(trx, user, records, context, params);
    const report: RecordImportReport = { ...written, counts };
    await trx
      .updateTable('import_upload')
      .set({ report_json: JSON.stringify(report) })
      .where('id', '=', row.id)
      .execute();
    await recordAudit(trx, {
      institutionId: user.institutionId,
      actor: { userId: user.id, label: user.displayName },
      entityType: spec.sourceKind,
      entityId: row.id,
      operation: 'import',
      changes: [
        { field: 'file', before: null, after: row.filename },
        { field: 'created', before: null, after: String(written.created) },
        { field: 'updated', before: null, after: String(written.updated) },
      ],
    });
    return { ok: true, value: report };
  });
}

/** Upload and commit in one call (CLI, tests, demo): the same checks and the same all-or-nothing commit. */
export async function importRecords<R, C, P>(
  db: Kysely<DB>,
  user: SessionUser,
  spec: RecordImportSpec<R, C, P>,
  input: { filename: string; bytes: Uint8Array; params: unknown },
): Promise<RecordImportCommitResult> {
  const created = await createRecordImport(db, user, spec, input);
  if (!created.ok) return created;
  return commitRecordImport(db, user, spec, created.value.id);
}
