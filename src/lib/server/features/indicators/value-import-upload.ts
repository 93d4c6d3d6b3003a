/**
 * The web flow of a values import: upload, preview, confirm, over requests
 * that may reach different server processes. Between the preview and the
 * confirmation the file waits in the database, as plan imports do, in their
 * `import_upload` table under a source kind of its own (the plan import never
 * opens those rows). Asking for the file again to confirm would be poor UX;
 * carrying it in a hidden field would send megabytes back and forth and let
 * the browser change the file between what was previewed and what is
 * committed. Only the user who uploaded a file sees it; it is committed once.
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { nowIso } from '../../db/ids';
import type { DB } from '../../db/schema';
import type { SessionUser } from '../auth';
import { findOwnUpload, storedFile, storeUpload } from '../plan-import/upload-store';
import { canImportValues } from './indicators';
import {
  commitValueImport,
  previewValueImport,
  readValueFile,
  type StoredImport,
  type ValueImportCommitResult,
  type ValueImportMessage,
  type ValueImportPreviewResult,
  type ValueImportReport,
} from './value-import';
import { entryLimits, type RecordOptions } from './values.service';

/** `import_upload.source_kind` of a values file; plan uploads use their plan source kinds. */
export const VALUE_IMPORT_SOURCE = 'indicator-values';

const MIB = 1024 * 1024;

/** What the user chose when uploading; re-validated on read, as any stored input. */
const choicesSchema = z.object({ submit: z.boolean() });
type Choices = z.infer<typeof choicesSchema>;

function readChoices(json: string | null): Choices {
  try {
    const parsed = choicesSchema.safeParse(JSON.parse(json ?? 'null'));
    return parsed.success ? parsed.data : { submit: false };
  } catch {
    return { submit: false };
  }
}

export interface ValueImportView {
  id: string;
  filename: string;
  committed: boolean;
  /** Submit the values for validation once recorded: the choice made with the upload. */
  submit: boolean;
  /** The preview against the values as they are now; null once committed. */
  preview: ValueImportPreviewResult | null;
  /** What the commit did; null before it. */
  report: ValueImportReport | null;
}

/** Stores a file that holds a values table; any other file is refused with the reader's reason and not kept. */
export async function createValueImport(
  db: Kysely<DB>,
  user: SessionUser,
  input: { filename: string; bytes: Uint8Array; submit: boolean },
  options: RecordOptions = {},
): Promise<{ ok: true; value: { id: string } } | { ok: false; error: ValueImportMessage }> {
  if (!canImportValues(user)) return { ok: false, error: { code: 'errors.forbidden' } };
  const read = readValueFile(input, options);
  if (!read.ok) return read;
  const id = await storeUpload(db, user, {
    sourceKind: VALUE_IMPORT_SOURCE,
    filename: read.value.file.filename,
    bytes: input.bytes,
    mappingJson: JSON.stringify({ submit: input.submit } satisfies Choices),
  });
  return { ok: true, value: { id } };
}

function findUpload(db: Kysely<DB>, user: SessionUser, uploadId: string) {
  return findOwnUpload(db, user, uploadId, VALUE_IMPORT_SOURCE);
}
type UploadRow = NonNullable<Awaited<ReturnType<typeof findUpload>>>;

/** A stored file passed the size limit when it came in; a later, lower limit must not lock it out. */
function fitting(row: UploadRow, options: RecordOptions): RecordOptions {
  return { ...options, maxMb: Math.max(entryLimits(options).maxMb, Math.ceil(row.byte_size / MIB)) };
}

/** The upload with its preview (or, once committed, its report); undefined when it is not the user's. */
export async function getValueImport(
  db: Kysely<DB>,
  user: SessionUser,
  uploadId: string,
  options: RecordOptions = {},
): Promise<ValueImportView | undefined> {
  if (!canImportValues(user)) return undefined;
  const row = await findUpload(db, user, uploadId);
  if (!row) return undefined;
  const committed = row.status === 'committed';
  return {
    id: row.id,
    filename: row.filename,
    committed,
    submit: readChoices(row.mapping_json).submit,
    preview: committed ? null : await previewValueImport(db, user, storedFile(row), fitting(row, options)),
    report: committed && row.report_json ? (JSON.parse(row.report_json) as ValueImportReport) : null,
  };
}

/** Commits a stored upload once: a second commit (double click, two tabs) is refused. */
export async function commitValueImportUpload(
  db: Kysely<DB>,
  user: SessionUser,
  uploadId: string,
  choices: Choices,
  options: RecordOptions = {},
): Promise<ValueImportCommitResult> {
  if (!canImportValues(user)) return { ok: false, error: { code: 'errors.forbidden' } };
  const row = await findUpload(db, user, uploadId);
  if (!row) return { ok: false, error: { code: 'errors.notFound' } };
  if (row.status !== 'preview') return { ok: false, error: { code: 'indicators.import.alreadyCommitted' } };
  const stored: StoredImport = {
    id: row.id,
    // Claimed inside the commit's transaction: of two concurrent commits one wins, the other changes nothing.
    claim: async (trx) => {
      const claimed = await trx
        .updateTable('import_upload')
        .set({ status: 'committed', committed_at: nowIso() })
        .where('id', '=', row.id)
        .where('status', '=', 'preview')
        .executeTakeFirst();
      return Number(claimed.numUpdatedRows) === 1;
    },
    saveReport: async (trx, report) => {
      await trx
        .updateTable('import_upload')
        .set({ report_json: JSON.stringify(report), mapping_json: JSON.stringify(choices) })
        .where('id', '=', row.id)
        .execute();
    },
  };
  return commitValueImport(db, user, { ...storedFile(row), ...choices }, fitting(row, options), stored);
}
