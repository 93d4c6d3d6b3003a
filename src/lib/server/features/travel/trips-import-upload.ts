/**
 * The web flow of a trips import: upload, (for an accounting export) column
 * mapping, preview, confirm, over requests that may reach different server
 * processes. Between the steps the file waits in `import_upload` under a
 * source kind of its own, as values imports do (plan imports never open those
 * rows), with the chosen format and mapping in `mapping_json`, so that what is
 * committed is exactly what was previewed. Only the user who uploaded a file
 * sees it; it is committed once.
 */
import type { Kysely } from 'kysely';
import { nowIso } from '../../db/ids';
import type { DB } from '../../db/schema';
import type { SessionUser } from '../auth';
import { cleanCell, oneLine } from '../plan-import/cell-text';
import { findOwnUpload, type StoredUpload, storedFile, storeUpload } from '../plan-import/upload-store';
import { proposeAccountingFileMapping, readAccountingTable } from './accounting-file';
import {
  type AccountingMapping,
  accountingMappingSchema,
  alignMappingToHeader,
  missingAccountingFields,
  unmatchedHeaders,
} from './accounting-mapping';
import { loadResolverMemory, recordUnresolvedPlaces } from './place-review.service';
import { getTravelSettings } from './travel-settings.service';
import type { TripFileFormat } from './trip-file';
import { type TripImportChoice, tripFileReaderOf, tripImportChoiceSchema } from './trip-file-readers';
import {
  canImportTrips,
  commitTripImport,
  previewTripImport,
  type TripImportCommitResult,
  type TripImportError,
  type TripImportOptions,
  type TripImportPreview,
  type TripImportPreviewResult,
} from './trips-import';

/**
 * `import_upload.source_kind` of a trips file, whatever its format (the name
 * dates from when GES 1point5 was the only one; uploads stored then have no
 * `mapping_json` and read as GES 1point5).
 */
export const TRIP_IMPORT_SOURCE = 'ges1point5-trips';

/** The mapping step of an accounting export. */
export interface TripImportMappingStep {
  /** The header cells of the file, non-empty and each once, in file order. */
  header: string[];
  /** The stored mapping, spelt as this file's header cells, for the form; unmatched fields left out. */
  mapping: AccountingMapping;
  confirmed: boolean;
  /** Mapped headers this file does not have (a profile made for another export). */
  unmatched: string[];
}

export interface TripImportView {
  id: string;
  filename: string;
  format: TripFileFormat;
  committed: boolean;
  /** Accounting exports only, until committed. */
  mappingStep: TripImportMappingStep | null;
  /** The preview of the stored file; null once committed or while an accounting mapping waits for confirmation. */
  preview: TripImportPreviewResult | null;
  /** Trips written by the commit; null before it. */
  tripCount: number | null;
}

type UploadResult<T> = { ok: true; value: T } | { ok: false; error: TripImportError };

const FORBIDDEN = { ok: false, error: { code: 'errors.forbidden' } } as const;
const NOT_FOUND = { ok: false, error: { code: 'errors.notFound' } } as const;
const ALREADY_COMMITTED = { ok: false, error: { code: 'travel.import.alreadyCommitted' } } as const;

/**
 * The institution's method, contrails and train-first rule, and the answers
 * people gave to uncertain places: what every import of the institution
 * applies (the web flow and the command line).
 */
export async function tripImportOptionsOf(db: Kysely<DB>, user: SessionUser): Promise<TripImportOptions> {
  const [settings, memory] = await Promise.all([
    getTravelSettings(db, user.institutionId),
    loadResolverMemory(db, user.institutionId),
  ]);
  return {
    settings: { methodKey: settings.methodKey, contrails: settings.contrails, trainFirstRule: settings.trainFirstRule },
    memory,
  };
}

function choiceOf(row: Pick<StoredUpload, 'mapping_json'>): TripImportChoice {
  // Written by this file only, after the same parse: a row that does not parse is a bug.
  return row.mapping_json ? tripImportChoiceSchema.parse(JSON.parse(row.mapping_json)) : { format: 'ges1point5' };
}

async function previewOf(
  db: Kysely<DB>,
  user: SessionUser,
  file: { bytes: Uint8Array; filename: string },
  choice: TripImportChoice,
): Promise<TripImportPreviewResult> {
  const reader = await tripFileReaderOf(choice);
  return previewTripImport(db, user, { ...file, reader }, await tripImportOptionsOf(db, user));
}

/**
 * Puts the places the file's rows could not settle on the institution's
 * review list, counted once per leg end: answered once there, they resolve in
 * this upload's preview (re-read with the remembered answers) and in every
 * later import.
 */
async function listForReview(db: Kysely<DB>, user: SessionUser, preview: TripImportPreview): Promise<void> {
  await recordUnresolvedPlaces(
    db,
    user.institutionId,
    preview.unresolved.map((u) => ({
      text: u.text,
      country: u.country || undefined,
      candidates: u.candidates,
      occurrences: u.count,
    })),
  );
}

/**
 * Stores a trips file with its format. GES 1point5 and IATA files are read
 * first and a file the reader refuses is not kept. An accounting export is
 * kept once its table is readable (type, size, encoding), with the mapping
 * given (a saved profile) or proposed from its header, waiting for the user to
 * check it.
 */
export async function createTripImport(
  db: Kysely<DB>,
  user: SessionUser,
  input: { filename: string; bytes: Uint8Array; format?: TripFileFormat; mapping?: AccountingMapping },
): Promise<UploadResult<{ id: string; needsMapping: boolean }>> {
  if (!canImportTrips(user)) return FORBIDDEN;
  const filename = oneLine(cleanCell(input.filename).text);
  let choice: TripImportChoice;
  if (input.format === 'accounting') {
    const proposed = proposeAccountingFileMapping(input.bytes);
    if (!proposed.ok) return proposed;
    choice = { format: 'accounting', mapping: input.mapping ?? proposed.value.mapping, confirmed: false };
  } else {
    choice = { format: input.format ?? 'ges1point5' };
    const preview = await previewOf(db, user, input, choice);
    if (!preview.ok) return preview;
    await listForReview(db, user, preview.value);
  }
  const id = await storeUpload(db, user, {
    sourceKind: TRIP_IMPORT_SOURCE,
    filename,
    bytes: input.bytes,
    mappingJson: JSON.stringify(choice),
  });
  return { ok: true, value: { id, needsMapping: choice.format === 'accounting' } };
}

function findUpload(db: Kysely<DB>, user: SessionUser, uploadId: string) {
  return findOwnUpload(db, user, uploadId, TRIP_IMPORT_SOURCE);
}

function mappingStepOf(bytes: Uint8Array, mapping: AccountingMapping, confirmed: boolean): TripImportMappingStep {
  const table = readAccountingTable(bytes);
  // The table was readable when stored; the same bytes read the same way.
  const header = table.ok ? [...new Set(table.value.header.filter((cell) => cell !== ''))] : [];
  return {
    header,
    mapping: alignMappingToHeader(header, mapping),
    confirmed,
    unmatched: unmatchedHeaders(header, mapping),
  };
}

/** The upload with its mapping step and preview (or, once committed, the number of trips written); undefined when it is not the user's. */
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
  const choice = choiceOf(row);
  const file = storedFile(row);
  const waiting = choice.format === 'accounting' && !choice.confirmed;
  return {
    id: row.id,
    filename: row.filename,
    format: choice.format,
    committed,
    mappingStep:
      choice.format === 'accounting' && !committed ? mappingStepOf(file.bytes, choice.mapping, choice.confirmed) : null,
    preview: committed || waiting ? null : await previewOf(db, user, file, choice),
    tripCount: report && typeof report.trips === 'number' ? report.trips : null,
  };
}

/**
 * Saves the column mapping of a stored accounting export. `confirmed` (the
 * mapping step's main button) needs the required fields and opens the
 * preview; unconfirmed (a profile applied) only pre-fills the form again.
 */
export async function saveTripImportMapping(
  db: Kysely<DB>,
  user: SessionUser,
  uploadId: string,
  input: { mapping: unknown; confirmed: boolean },
): Promise<UploadResult<{ mapping: AccountingMapping }>> {
  if (!canImportTrips(user)) return FORBIDDEN;
  const row = await findUpload(db, user, uploadId);
  if (!row) return NOT_FOUND;
  if (row.status !== 'preview') return ALREADY_COMMITTED;
  if (choiceOf(row).format !== 'accounting')
    return { ok: false, error: { code: 'travel.import.upload.notAccounting' } };
  const parsed = accountingMappingSchema.safeParse(input.mapping);
  if (!parsed.success || (input.confirmed && missingAccountingFields(parsed.data).length > 0))
    return { ok: false, error: { code: 'travel.import.accounting.mappingIncomplete' } };
  const choice: TripImportChoice = { format: 'accounting', mapping: parsed.data, confirmed: input.confirmed };
  await db
    .updateTable('import_upload')
    .set({ mapping_json: JSON.stringify(choice) })
    .where('id', '=', row.id)
    .where('status', '=', 'preview')
    .execute();
  if (input.confirmed) {
    const preview = await previewOf(db, user, storedFile(row), choice);
    if (preview.ok) await listForReview(db, user, preview.value);
  }
  return { ok: true, value: { mapping: parsed.data } };
}

/** Commits a stored upload once: a second commit (double click, two tabs) is refused. */
export async function commitTripImportUpload(
  db: Kysely<DB>,
  user: SessionUser,
  uploadId: string,
): Promise<TripImportCommitResult> {
  if (!canImportTrips(user)) return FORBIDDEN;
  const row = await findUpload(db, user, uploadId);
  if (!row) return NOT_FOUND;
  if (row.status !== 'preview') return ALREADY_COMMITTED;
  const choice = choiceOf(row);
  if (choice.format === 'accounting' && !choice.confirmed)
    return { ok: false, error: { code: 'travel.import.upload.mappingNotConfirmed' } };
  const reader = await tripFileReaderOf(choice);
  return commitTripImport(
    db,
    user,
    { ...storedFile(row), reader },
    {
      ...(await tripImportOptionsOf(db, user)),
      claim: async (trx, trips) => {
        let claim = trx
          .updateTable('import_upload')
          .set({ status: 'committed', committed_at: nowIso(), report_json: JSON.stringify({ trips }) })
          .where('id', '=', row.id)
          .where('status', '=', 'preview');
        // A mapping changed in another tab since this read: commit nothing rather than a file read another way.
        if (row.mapping_json !== null) claim = claim.where('mapping_json', '=', row.mapping_json);
        const claimed = await claim.executeTakeFirst();
        return Number(claimed.numUpdatedRows) === 1;
      },
    },
  );
}
