import type { Kysely } from 'kysely';
import { z } from 'zod';
import { newId, nowIso } from '../../db/ids';
import type { DB } from '../../db/schema';
import { type Actor, type AuditEntry, diffFields, listAuditForEntity, recordAudit } from '../audit';
import { canEditReferenceData, type SessionUser } from '../auth';
import type { Result } from '../plan';
import { UNIT_KINDS } from './people';
import { findPerson, listPilotedActions, type PilotedAction } from './people.queries';

export const personInputSchema = z.object({
  displayName: z.string().trim().min(1).max(200),
  familyName: z.string().trim().max(200).nullable(),
  initials: z.string().trim().max(10).nullable(),
  email: z.string().trim().email().max(320).nullable(),
  jobTitle: z.string().trim().max(200).nullable(),
  unitId: z.string().nullable(),
});
export type PersonInput = z.infer<typeof personInputSchema>;

export const unitInputSchema = z.object({
  name: z.string().trim().min(1).max(300),
  shortName: z.string().trim().max(50).nullable(),
  kind: z.enum(UNIT_KINDS),
  parentId: z.string().nullable(),
  purpose: z.string().trim().max(5000).nullable(),
});
export type UnitInput = z.infer<typeof unitInputSchema>;

export async function createPerson(
  db: Kysely<DB>,
  actor: Actor,
  institutionId: string,
  input: PersonInput,
): Promise<string> {
  const id = newId();
  await db.transaction().execute(async (trx) => {
    if (input.unitId) await requireUnitOf(trx, institutionId, input.unitId);
    await trx
      .insertInto('person')
      .values({
        id,
        institution_id: institutionId,
        display_name: input.displayName,
        family_name: input.familyName,
        initials: input.initials,
        email: input.email,
        job_title: input.jobTitle,
        unit_id: input.unitId,
        created_at: nowIso(),
      })
      .execute();
    await recordAudit(trx, {
      institutionId,
      actor,
      entityType: 'person',
      entityId: id,
      operation: 'create',
      changes: [{ field: 'display_name', before: null, after: input.displayName }],
    });
  });
  return id;
}

export async function createUnit(
  db: Kysely<DB>,
  actor: Actor,
  institutionId: string,
  input: UnitInput,
): Promise<string> {
  const id = newId();
  await db.transaction().execute(async (trx) => {
    if (input.parentId) await requireUnitOf(trx, institutionId, input.parentId);
    await trx
      .insertInto('org_unit')
      .values({
        id,
        institution_id: institutionId,
        parent_id: input.parentId,
        kind: input.kind,
        name: input.name,
        short_name: input.shortName,
        purpose: input.purpose,
        aliases: '[]',
        position: 1000,
      })
      .execute();
    await recordAudit(trx, {
      institutionId,
      actor,
      entityType: 'org_unit',
      entityId: id,
      operation: 'create',
      changes: [{ field: 'name', before: null, after: input.name }],
    });
  });
  return id;
}

/** Units are picked from a list of the institution's own: another id is a forged form, not a user mistake. */
async function requireUnitOf(trx: Kysely<DB>, institutionId: string, unitId: string): Promise<void> {
  await trx
    .selectFrom('org_unit')
    .select('id')
    .where('id', '=', unitId)
    .where('institution_id', '=', institutionId)
    .executeTakeFirstOrThrow();
}

export function actorOfUser(user: SessionUser): Actor {
  return { userId: user.id, label: user.displayName };
}

/**
 * The latest moment an entity was written, from its history. A form carries
 * it; a save whose stamp moved meanwhile is refused, so one person's edit never
 * silently overwrites another's.
 */
export async function editStampOf(
  db: Kysely<DB>,
  entityType: string,
  entityId: string,
  createdAt: string,
): Promise<string> {
  return stampOf(await listAuditForEntity(db, entityType, entityId), createdAt);
}

function stampOf(history: readonly AuditEntry[], createdAt: string): string {
  const latest = history[0]?.at;
  return latest && latest > createdAt ? latest : createdAt;
}

export interface PersonPage {
  person: {
    id: string;
    displayName: string;
    familyName: string | null;
    initials: string | null;
    email: string | null;
    jobTitle: string | null;
    unitId: string | null;
    unitName: string | null;
  };
  actions: PilotedAction[];
  history: AuditEntry[];
  stamp: string;
  canEdit: boolean;
}

/** A person with the actions they pilot and the history of their record; undefined outside the user's institution. */
export async function getPersonPage(
  db: Kysely<DB>,
  user: SessionUser,
  personId: string,
): Promise<PersonPage | undefined> {
  const row = await findPerson(db, user.institutionId, personId);
  if (!row) return undefined;
  const history = await listAuditForEntity(db, 'person', personId);
  return {
    person: {
      id: row.id,
      displayName: row.display_name,
      familyName: row.family_name,
      initials: row.initials,
      email: row.email,
      jobTitle: row.job_title,
      unitId: row.unit_id,
      unitName: row.unit_name,
    },
    actions: await listPilotedActions(db, user.institutionId, personId),
    history,
    stamp: stampOf(history, row.created_at),
    canEdit: canEditReferenceData(user),
  };
}

export type PersonEditError =
  | 'people.person.notFound'
  | 'people.forbidden'
  | 'people.person.conflict'
  | 'people.person.unitUnknown';

/** Saves a person's record; every changed field goes to the history with its old and new value. */
export async function updatePerson(
  db: Kysely<DB>,
  user: SessionUser,
  personId: string,
  input: PersonInput,
  expectedStamp: string,
): Promise<Result<{ changed: number }, PersonEditError>> {
  if (!canEditReferenceData(user)) return { ok: false, error: { code: 'people.forbidden' } };
  return db.transaction().execute(async (trx): Promise<Result<{ changed: number }, PersonEditError>> => {
    const current = await trx
      .selectFrom('person')
      .selectAll()
      .where('id', '=', personId)
      .where('institution_id', '=', user.institutionId)
      .executeTakeFirst();
    if (!current) return { ok: false, error: { code: 'people.person.notFound' } };
    if ((await editStampOf(trx, 'person', personId, current.created_at)) !== expectedStamp) {
      return { ok: false, error: { code: 'people.person.conflict' } };
    }
    if (input.unitId) {
      const unit = await trx
        .selectFrom('org_unit')
        .select('id')
        .where('id', '=', input.unitId)
        .where('institution_id', '=', user.institutionId)
        .executeTakeFirst();
      if (!unit) return { ok: false, error: { code: 'people.person.unitUnknown' } };
    }
    const next = {
      display_name: input.displayName,
      family_name: input.familyName,
      initials: input.initials,
      email: input.email,
      job_title: input.jobTitle,
      unit_id: input.unitId,
    };
    const changes = diffFields(current, next);
    if (changes.length === 0) return { ok: true, value: { changed: 0 } };
    await trx.updateTable('person').set(next).where('id', '=', personId).execute();
    await recordAudit(trx, {
      institutionId: user.institutionId,
      actor: actorOfUser(user),
      entityType: 'person',
      entityId: personId,
      operation: 'update',
      changes,
    });
    return { ok: true, value: { changed: changes.length } };
  });
}
