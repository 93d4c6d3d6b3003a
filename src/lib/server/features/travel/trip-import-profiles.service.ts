/**
 * Saved column mappings ("profiles") of trips files: the officer maps an
 * accounting export once, names the mapping, and the next month's export
 * from the same software is read with it. Admin only, as the import itself;
 * every change is audited.
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { isUniqueViolation } from '../../db/dialect';
import { newId, nowIso } from '../../db/ids';
import type { DB } from '../../db/schema';
import { recordAudit } from '../audit';
import type { SessionUser } from '../auth';
import { type AccountingMapping, accountingMappingSchema } from './accounting-mapping';
import {
  deleteTripImportProfileRow,
  findTripImportProfileRow,
  findTripImportProfileRowByName,
  insertTripImportProfile,
  listTripImportProfileRows,
  updateTripImportProfile,
} from './trip-import-profiles.queries';
import type { TripImportProfileTable } from './trip-import-profiles.table';
import { canImportTrips } from './trips-import';

export const MAX_PROFILE_NAME_LENGTH = 100;
const profileName = z.string().trim().min(1).max(MAX_PROFILE_NAME_LENGTH);

/** What saving a profile takes; only accounting exports have a mapping today. */
export const tripImportProfileSchema = z.object({
  name: profileName,
  format: z.literal('accounting'),
  mapping: accountingMappingSchema,
});
export type TripImportProfileInput = z.infer<typeof tripImportProfileSchema>;

export interface TripImportProfile {
  id: string;
  name: string;
  format: 'accounting';
  mapping: AccountingMapping;
  updatedAt: string;
}

export type TripImportProfileErrorCode =
  | 'travel.import.profile.forbidden'
  | 'travel.import.profile.invalid'
  | 'travel.import.profile.nameTaken'
  | 'travel.import.profile.notFound';
export type TripImportProfileResult<T> =
  | { ok: true; value: T }
  | { ok: false; error: { code: TripImportProfileErrorCode } };

const fail = (code: TripImportProfileErrorCode) => ({ ok: false, error: { code } }) as const;

function toProfile(row: TripImportProfileTable): TripImportProfile {
  // Stored by saveTripImportProfile after the same parse: a row that no longer parses is a bug, not a user error.
  return {
    id: row.id,
    name: row.name,
    format: 'accounting',
    mapping: accountingMappingSchema.parse(JSON.parse(row.mapping_json)),
    updatedAt: row.updated_at,
  };
}

/** The institution's profiles by name; none for a user who may not import. */
export async function listTripImportProfiles(db: Kysely<DB>, user: SessionUser): Promise<TripImportProfile[]> {
  if (!canImportTrips(user)) return [];
  return (await listTripImportProfileRows(db, user.institutionId)).map(toProfile);
}

export async function getTripImportProfile(
  db: Kysely<DB>,
  user: SessionUser,
  id: string,
): Promise<TripImportProfile | undefined> {
  if (!canImportTrips(user)) return undefined;
  const row = await findTripImportProfileRow(db, user.institutionId, id);
  return row ? toProfile(row) : undefined;
}

/** A profile by its exact name (the CLI's --profile). */
export async function findTripImportProfileByName(
  db: Kysely<DB>,
  user: SessionUser,
  name: string,
): Promise<TripImportProfile | undefined> {
  if (!canImportTrips(user)) return undefined;
  const row = await findTripImportProfileRowByName(db, user.institutionId, name.trim());
  return row ? toProfile(row) : undefined;
}

/** A profile of the institution by name, for the command line, which acts with the database's own rights (no user). */
export async function findInstitutionTripImportProfile(
  db: Kysely<DB>,
  institutionId: string,
  name: string,
): Promise<TripImportProfile | undefined> {
  const row = await findTripImportProfileRowByName(db, institutionId, name.trim());
  return row ? toProfile(row) : undefined;
}

/**
 * Saves a mapping under a name: a new profile, or the same-named profile's
 * mapping replaced (the mapping step says so next to the name field).
 */
export async function saveTripImportProfile(
  db: Kysely<DB>,
  user: SessionUser,
  input: unknown,
): Promise<TripImportProfileResult<{ id: string; created: boolean }>> {
  if (!canImportTrips(user)) return fail('travel.import.profile.forbidden');
  const parsed = tripImportProfileSchema.safeParse(input);
  if (!parsed.success) return fail('travel.import.profile.invalid');
  const { name, format, mapping } = parsed.data;
  const mappingJson = JSON.stringify(mapping);
  const actor = { userId: user.id, label: user.displayName };
  try {
    return await db.transaction().execute(async (trx) => {
      const now = nowIso();
      const existing = await findTripImportProfileRowByName(trx, user.institutionId, name);
      if (existing) {
        if (existing.mapping_json !== mappingJson) {
          await updateTripImportProfile(trx, user.institutionId, existing.id, {
            mapping_json: mappingJson,
            updated_at: now,
          });
          await recordAudit(trx, {
            institutionId: user.institutionId,
            actor,
            entityType: 'trip_import_profile',
            entityId: existing.id,
            operation: 'update',
            changes: [{ field: 'mapping', before: existing.mapping_json, after: mappingJson }],
          });
        }
        return { ok: true, value: { id: existing.id, created: false } } as const;
      }
      const id = newId();
      await insertTripImportProfile(trx, {
        id,
        institution_id: user.institutionId,
        name,
        format,
        mapping_json: mappingJson,
        created_at: now,
        created_by: user.id,
        updated_at: now,
      });
      await recordAudit(trx, {
        institutionId: user.institutionId,
        actor,
        entityType: 'trip_import_profile',
        entityId: id,
        operation: 'create',
        changes: [
          { field: 'name', before: null, after: name },
          { field: 'format', before: null, after: format },
          { field: 'mapping', before: null, after: mappingJson },
        ],
      });
      return { ok: true, value: { id, created: true } } as const;
    });
  } catch (error) {
    // Two officers saving the same new name at once: the second insert hits the unique constraint.
    if (isUniqueViolation(error)) return fail('travel.import.profile.nameTaken');
    throw error;
  }
}

export async function renameTripImportProfile(
  db: Kysely<DB>,
  user: SessionUser,
  id: string,
  newName: string,
): Promise<TripImportProfileResult<{ changed: boolean }>> {
  if (!canImportTrips(user)) return fail('travel.import.profile.forbidden');
  const parsed = profileName.safeParse(newName);
  if (!parsed.success) return fail('travel.import.profile.invalid');
  try {
    return await db.transaction().execute(async (trx) => {
      const row = await findTripImportProfileRow(trx, user.institutionId, id);
      if (!row) return fail('travel.import.profile.notFound');
      if (row.name === parsed.data) return { ok: true, value: { changed: false } } as const;
      await updateTripImportProfile(trx, user.institutionId, id, { name: parsed.data, updated_at: nowIso() });
      await recordAudit(trx, {
        institutionId: user.institutionId,
        actor: { userId: user.id, label: user.displayName },
        entityType: 'trip_import_profile',
        entityId: id,
        operation: 'update',
        changes: [{ field: 'name', before: row.name, after: parsed.data }],
      });
      return { ok: true, value: { changed: true } } as const;
    });
  } catch (error) {
    if (isUniqueViolation(error)) return fail('travel.import.profile.nameTaken');
    throw error;
  }
}

export async function deleteTripImportProfile(
  db: Kysely<DB>,
  user: SessionUser,
  id: string,
): Promise<TripImportProfileResult<{ name: string }>> {
  if (!canImportTrips(user)) return fail('travel.import.profile.forbidden');
  return db.transaction().execute(async (trx) => {
    const row = await findTripImportProfileRow(trx, user.institutionId, id);
    if (!row) return fail('travel.import.profile.notFound');
    await deleteTripImportProfileRow(trx, user.institutionId, id);
    await recordAudit(trx, {
      institutionId: user.institutionId,
      actor: { userId: user.id, label: user.displayName },
      entityType: 'trip_import_profile',
      entityId: id,
      operation: 'delete',
      changes: [
        { field: 'name', before: row.name, after: null },
        { field: 'mapping', before: row.mapping_json, after: null },
      ],
    });
    return { ok: true, value: { name: row.name } } as const;
  });
}
