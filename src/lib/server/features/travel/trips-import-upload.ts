/**
 * The web flow of a trips import: upload, preview, confirm, over requests that
 * may reach different server processes. Between the preview and the
 * confirmation the file waits in `import_upload` under a source kind of its
 * own, as values imports do (plan imports never open those rows), so that
 * what is committed is exactly what was previewed. Only the user who uploaded
 * a file sees it; it is committed once.
 */
import type { Kysely } from 'kysely';
import { nowIso } from '../../db/ids';
import type { DB } from '../../db/schema';
import type { SessionUser } from '../auth';
import { findOwnUpload, storedFile, storeUpload } from '../plan-import/upload-store';
import {
  canImportTrips,
  commitTripImport,
  previewTripImport,
  type TripImportCommitResult,
  type TripImportError,
  type TripImportPreviewResult,
} from './trips-import';

/** `import_upload.source_kind` of a GES 1point5 travel file. */
export const TRIP_IMPORT_SOURCE = 'ges1point5-trips';

export interface TripImportView {
  id: string;
  filename: string;
  committed: boolean;
  /** The preview of the stored file; null once committed. */
  preview: TripImportPreviewResult | null;
  /** Trips written by the commit; null before it. */
  tripCount: number | null;
}

/** Stores a GES 1point5 file; a file the reader refuses is not kept and comes back with its code. */
export async function createTripImport(
  db: Kysely<DB>,
  user: SessionUser,
  input: { filename: string; bytes: Uint8Array },
): Promise<{ ok: true; value: { id: string } } | { ok: false; error: TripImportError }> {
  const preview = await previewTripImport(db, user, input);
  if (!preview.ok) return preview;
  const id = await storeUpload(db, user, {
    sourceKind: TRIP_IMPORT_SOURCE,
    filename: preview.value.filename,
    bytes: input.bytes,
    mappingJson: null,
  });
  return { ok: true, value: { id } };
}

function findUpload(db: Kysely<DB>, user: SessionUser, uploadId: string) {
  return findOwnUpload(db, user, uploadId, TRIP_IMPORT_SOURCE);
}

/** The upload with its preview (or, once committed, the number of trips written); undefined when it is not the user's. */
export async function getTripImport(
  db: Kysely<DB>,
  user: SessionUser,
  uploadId: string,
): Promise<TripImportView | undefined> {
  if (!canImportTrips(user)) return undefined;
  const row = await findUpload(db, user, uploadId);
  if (!row) return undefined;
  const committed = row.status === 'committed';
  const report = committed && row.report_json ? (JSON.parse(row.report_json) as { trips?: unknown }) : null;
  return {
    id: row.id,
    filename: row.filename,
    committed,
    preview: committed ? null : await previewTripImport(db, user, storedFile(row)),
    tripCount: report && typeof report.trips === 'number' ? report.trips : null,
  };
}

/** Commits a stored upload once: a second commit (double click, two tabs) is refused. */
export async function commitTripImportUpload(
  db: Kysely<DB>,
  user: SessionUser,
  uploadId: string,
): Promise<TripImportCommitResult> {
  if (!canImportTrips(user)) return { ok: false, error: { code: 'errors.forbidden' } };
  const row = await findUpload(db, user, uploadId);
  if (!row) return { ok: false, error: { code: 'errors.notFound' } };
  if (row.status !== 'preview') return { ok: false, error: { code: 'travel.import.alreadyCommitted' } };
  return commitTripImport(db, user, storedFile(row), {
    claim: async (trx, trips) => {
      const claimed = await trx
        .updateTable('import_upload')
        .set({ status: 'committed', committed_at: nowIso(), report_json: JSON.stringify({ trips }) })
        .where('id', '=', row.id)
        .where('status', '=', 'preview')
        .executeTakeFirst();
      return Number(claimed.numUpdatedRows) === 1;
    },
  });
}
