/**
 * Imports the trips of a travel file, all or nothing, with a row-by-row
 * report. A reader (GES 1point5 by default, see trip-file.ts) turns the bytes
 * into legs; each leg is estimated as the declaration form does (places
 * resolved offline, the institution's method and settings), legs are grouped
 * into trips by mission, and the commit writes every trip in one transaction,
 * or nothing when a row is rejected.
 *
 * Decisions:
 * - Only the admin imports (`canImportTrips`): the file holds other people's
 *   trips, as a plan file holds everyone's actions.
 * - The file names no traveller, so every trip's traveller is the importing
 *   user's pseudonym (`travellerKeyOf`); reports then count one traveller.
 * - The train-first verdict of each flight is stored, but an import never
 *   requires a justification: the trips already happened and the file has no
 *   column for one; `justification` stays null.
 * - "Statut de l'agent" picks the traveller category (doctoral student,
 *   student, guest, else staff); the purpose is the first leg's purpose.
 * - A place not resolved with confidence (nor answered by the resolver
 *   memory) rejects its row, with the candidates in the message, and is
 *   listed once in `unresolved` for a person to review.
 * - Lines a reader skips (not a trip) are counted and never stored.
 */
import type { Kysely, Transaction } from 'kysely';
import { newId } from '../../db/ids';
import type { DB } from '../../db/schema';
import { recordAudit } from '../audit';
import { findSessionUserById, type SessionUser } from '../auth';
import { getCarbonPrice } from './fund.service';
import { readGes1point5File } from './ges1point5-file';
import { loadPlaceIndex } from './places-data';
import type { TripFileReader } from './trip-file';
import {
  DEFAULT_TRIP_IMPORT_SETTINGS,
  estimateMission,
  missionsByDate,
  type PlacedFile,
  placeFileRows,
  type TripImportCounts,
  type TripImportOptions,
  type TripImportRow,
  type TripImportSettings,
  type UnresolvedPlace,
  yearsOfRows,
} from './trips-import-legs';
import { openTripStore } from './trips-import-store';

export {
  DEFAULT_TRIP_IMPORT_SETTINGS,
  MAX_UNRESOLVED_LINES,
  type TripImportCounts,
  type TripImportMessage,
  type TripImportOptions,
  type TripImportRow,
  type TripImportRowStatus,
  type TripImportSettings,
  type UnresolvedPlace,
} from './trips-import-legs';
export { categoryOfAgentStatus } from './trips-import-store';

export interface TripImportPreview {
  filename: string;
  rows: TripImportRow[];
  counts: TripImportCounts;
  /** Each distinct place text not resolved with confidence, in order of first appearance. */
  unresolved: UnresolvedPlace[];
}

export type TripImportError = { code: string; params?: Record<string, string | number> };
export type TripImportPreviewResult = { ok: true; value: TripImportPreview } | { ok: false; error: TripImportError };
export type TripImportCommitResult =
  | { ok: true; value: TripImportPreview & { tripIds: string[] } }
  | { ok: false; error: TripImportError; preview?: TripImportPreview };

export interface TripImportInput {
  bytes: Uint8Array;
  filename: string;
  /** The format's reader; the GES 1point5 reader when absent. */
  reader?: TripFileReader;
}

/** The GES 1point5 reader as a trips file reader: its rows are already trip file rows. */
export const readGes1point5Trips: TripFileReader = (bytes, filename) => {
  const read = readGes1point5File(bytes, filename);
  return read.ok ? { ok: true, filename: read.filename, rows: read.rows } : read;
};

/** Importing a travel file writes other people's trips: the officer's call, as a plan import. */
export function canImportTrips(user: SessionUser): boolean {
  return user.role === 'admin';
}

/**
 * The user a command-line import acts as: an active user of the institution,
 * found by email; undefined otherwise (the caller then checks the role).
 */
export async function findTripImporter(
  db: Kysely<DB>,
  institutionId: string,
  email: string,
): Promise<SessionUser | undefined> {
  const row = await db
    .selectFrom('app_user')
    .innerJoin('membership', 'membership.user_id', 'app_user.id')
    .select('app_user.id')
    .where('app_user.email', '=', email.trim().toLowerCase())
    .where('membership.institution_id', '=', institutionId)
    .executeTakeFirst();
  const user = row ? await findSessionUserById(db, row.id) : null;
  return user && user.institutionId === institutionId ? user : undefined;
}

const FORBIDDEN: TripImportError = { code: 'errors.forbidden' };

/** The institution's internal price of a year (its own, else the suggestion). */
function institutionPrice(db: Kysely<DB>, institutionId: string): (year: number) => Promise<number> {
  return async (year) => (await getCarbonPrice(db, institutionId, year)).pricePerTonneEuros;
}

export type PreviewTripFileOptions = TripImportOptions & {
  /** The internal carbon price of a year (EUR/t); without it, the suggested French value (a CLI dry run). */
  priceOfYear?: (year: number) => Promise<number>;
};

interface PlacedImport {
  filename: string;
  placed: PlacedFile;
  settings: TripImportSettings;
  prices: ReadonlyMap<number, number> | undefined;
}

/** The file read, its places resolved and the prices of its years fetched; nothing computed yet. */
async function placeImport(
  input: TripImportInput,
  options: PreviewTripFileOptions,
): Promise<{ ok: true; value: PlacedImport } | { ok: false; error: TripImportError }> {
  const read = (input.reader ?? readGes1point5Trips)(input.bytes, input.filename);
  if (!read.ok) return { ok: false, error: read.error };
  let prices: Map<number, number> | undefined;
  const priceOfYear = options.priceOfYear;
  if (priceOfYear) {
    const years = yearsOfRows(read.rows);
    prices = new Map(await Promise.all(years.map(async (year) => [year, await priceOfYear(year)] as const)));
  }
  const placed = placeFileRows(await loadPlaceIndex(), read.rows, options.memory);
  const settings = options.settings ?? DEFAULT_TRIP_IMPORT_SETTINGS;
  return { ok: true, value: { filename: read.filename, placed, settings, prices } };
}

function previewOf({ filename, placed }: PlacedImport): TripImportPreview {
  return { filename, rows: placed.rows, counts: placed.counts, unresolved: placed.unresolved };
}

const MISSIONS_BETWEEN_TURNS = 1_000;
const nextTurn = () => new Promise((resume) => setImmediate(resume));

/** Computes every leg for the report, storing nothing. */
async function estimateAll(placedImport: PlacedImport): Promise<TripImportPreview> {
  const { placed, settings, prices } = placedImport;
  for (let mission = 0; mission < placed.missionStarts.length; mission++) {
    estimateMission(placed, mission, settings, prices);
    // A turn of the event loop now and then: other requests, and V8's garbage-collection tasks, get their turn.
    if (mission % MISSIONS_BETWEEN_TURNS === MISSIONS_BETWEEN_TURNS - 1) await nextTurn();
  }
  return previewOf(placedImport);
}

/** The file read and every leg estimated; no database. Used by the service and by a CLI dry run. */
export async function previewTripFile(
  input: TripImportInput,
  options: PreviewTripFileOptions = {},
): Promise<{ ok: true; value: TripImportPreview } | { ok: false; error: TripImportError }> {
  const placed = await placeImport(input, options);
  return placed.ok ? { ok: true, value: await estimateAll(placed.value) } : placed;
}

/** What importing the file would do, row by row; nothing is written. Admin only. */
export async function previewTripImport(
  db: Kysely<DB>,
  user: SessionUser,
  input: TripImportInput,
  options: TripImportOptions = {},
): Promise<TripImportPreviewResult> {
  if (!canImportTrips(user)) return { ok: false, error: FORBIDDEN };
  return previewTripFile(input, { ...options, priceOfYear: institutionPrice(db, user.institutionId) });
}

export type CommitTripImportOptions = TripImportOptions & {
  /** Runs first in the transaction; false writes nothing (a stored upload already committed). */
  claim?: (trx: Transaction<DB>, tripCount: number) => Promise<boolean>;
};

/** Thrown inside the transaction to undo it when a leg fails to compute. */
class RejectedRows extends Error {}

function hasRejectedRows(preview: TripImportPreview): TripImportCommitResult {
  return {
    ok: false,
    error: { code: 'travel.import.hasRejectedRows', params: { count: preview.counts.rejected } },
    preview,
  };
}

/**
 * Re-reads the file and, only when no row is rejected, writes one trip per
 * mission with its legs in file order, in one transaction, with one audit
 * event for the import. Admin only. Each leg is computed once, as its trip is
 * written; a leg that fails then undoes the whole transaction.
 */
export async function commitTripImport(
  db: Kysely<DB>,
  user: SessionUser,
  input: TripImportInput,
  options: CommitTripImportOptions = {},
): Promise<TripImportCommitResult> {
  if (!canImportTrips(user)) return { ok: false, error: FORBIDDEN };
  const placedImport = await placeImport(input, { ...options, priceOfYear: institutionPrice(db, user.institutionId) });
  if (!placedImport.ok) return placedImport;
  const { placed, settings, prices } = placedImport.value;
  if (placed.counts.rejected > 0) return hasRejectedRows(await estimateAll(placedImport.value));
  let tripIds: string[] | undefined;
  try {
    tripIds = await db.transaction().execute(async (trx) => {
      // A stored upload is claimed first: of two concurrent commits one wins, the other writes nothing.
      const missions = placed.missionStarts.length;
      if (options.claim && !(await options.claim(trx, missions))) return undefined;
      const store = await openTripStore(trx, user, settings, missions);
      for (const mission of missionsByDate(placed)) {
        const estimated = estimateMission(placed, mission, settings, prices);
        // After a failed leg the others are still computed, for the report, and nothing more is written.
        if (placed.counts.rejected === 0) await store.add(mission, estimated);
      }
      if (placed.counts.rejected > 0) throw new RejectedRows();
      const ids = await store.finish();
      await recordAudit(trx, {
        institutionId: user.institutionId,
        actor: { userId: user.id, label: user.displayName },
        entityType: 'trip_import',
        entityId: newId(),
        operation: 'import',
        changes: [
          { field: 'filename', before: null, after: placedImport.value.filename },
          { field: 'trips', before: null, after: String(ids.length) },
          { field: 'legs', before: null, after: String(placed.counts.legs) },
          { field: 'emissions_g', before: null, after: String(placed.counts.emissionsGrams) },
        ],
      });
      return ids;
    });
  } catch (error) {
    if (error instanceof RejectedRows) return hasRejectedRows(previewOf(placedImport.value));
    throw error;
  }
  if (!tripIds) return { ok: false, error: { code: 'travel.import.alreadyCommitted' } };
  return { ok: true, value: { ...previewOf(placedImport.value), tripIds } };
}
