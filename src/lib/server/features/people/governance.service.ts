import type { Kysely } from 'kysely';
import { z } from 'zod';
import { isUniqueViolation } from '../../db/dialect';
import { newId } from '../../db/ids';
import type { DB } from '../../db/schema';
import { diffFields, recordAudit } from '../audit';
import { canEditReferenceData, type SessionUser } from '../auth';
import type { Result } from '../plan';
import { WORKING_GROUP_KINDS } from './people';
import { findSteeringCommittee } from './people.queries';
import { actorOfUser, editStampOf } from './people.service';

/** Browsers send textarea line breaks as CRLF: normalised, so an untouched field never shows up as changed. */
const multiline = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((s) => s.replace(/\r\n?/g, '\n'))
    .nullable();
const longText = multiline(20_000);

export const institutionProfileSchema = z.object({
  purposeStatement: longText,
  ambition: longText,
  values: longText,
});
export type InstitutionProfileInput = z.infer<typeof institutionProfileSchema>;

export const referentInputSchema = z.object({
  unitId: z.string().min(1).max(64),
  /** Null leaves the directorate's seat empty. */
  personId: z.string().min(1).max(64).nullable(),
});
export type ReferentInput = z.infer<typeof referentInputSchema>;

export const workingGroupInputSchema = z.object({
  kind: z.enum(WORKING_GROUP_KINDS),
  name: z.string().trim().min(1).max(300),
  purpose: multiline(5000),
});
export type WorkingGroupInput = z.infer<typeof workingGroupInputSchema>;

type GovernanceResult<T, C extends string> = Promise<Result<T, 'governance.forbidden' | C>>;

/** Purpose statement, ambition and values: each changed field goes to the history; a stale form is refused. */
export async function updateInstitutionProfile(
  db: Kysely<DB>,
  user: SessionUser,
  input: InstitutionProfileInput,
  expectedStamp: string,
): GovernanceResult<{ changed: number }, 'governance.profile.conflict'> {
  if (!canEditReferenceData(user)) return { ok: false, error: { code: 'governance.forbidden' } };
  return db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('institution')
      .selectAll()
      .where('id', '=', user.institutionId)
      .executeTakeFirstOrThrow();
    if ((await editStampOf(trx, 'institution', current.id, current.created_at)) !== expectedStamp) {
      return { ok: false, error: { code: 'governance.profile.conflict' } } as const;
    }
    const next = { purpose_statement: input.purposeStatement, ambition: input.ambition, values_text: input.values };
    const changes = diffFields(current, next);
    if (changes.length === 0) return { ok: true, value: { changed: 0 } } as const;
    await trx.updateTable('institution').set(next).where('id', '=', current.id).execute();
    await recordAudit(trx, {
      institutionId: current.id,
      actor: actorOfUser(user),
      entityType: 'institution',
      entityId: current.id,
      operation: 'update',
      changes,
    });
    return { ok: true, value: { changed: changes.length } } as const;
  });
}

async function personLabel(trx: Kysely<DB>, institutionId: string, personId: string): Promise<string | undefined> {
  const row = await trx
    .selectFrom('person')
    .select('display_name')
    .where('id', '=', personId)
    .where('institution_id', '=', institutionId)
    .executeTakeFirst();
  return row?.display_name;
}

type ReferentError =
  | 'governance.committee.missing'
  | 'governance.referent.notDirectorate'
  | 'governance.person.unknown'
  | 'governance.referent.conflict';

/**
 * Seats a referent for a directorate in the steering committee. A directorate
 * has one referent: the new one replaces the previous one, and the history
 * records who was replaced by whom (the database's unique index holds the rule
 * under concurrent saves too).
 */
export async function setDirectorateReferent(
  db: Kysely<DB>,
  user: SessionUser,
  input: ReferentInput,
): GovernanceResult<{ changed: boolean }, ReferentError> {
  if (!canEditReferenceData(user)) return { ok: false, error: { code: 'governance.forbidden' } };
  try {
    return await db.transaction().execute(async (trx): GovernanceResult<{ changed: boolean }, ReferentError> => {
      const committee = await findSteeringCommittee(trx, user.institutionId);
      if (!committee) return { ok: false, error: { code: 'governance.committee.missing' } };
      const unit = await trx
        .selectFrom('org_unit')
        .select(['id', 'name', 'short_name', 'kind'])
        .where('id', '=', input.unitId)
        .where('institution_id', '=', user.institutionId)
        .executeTakeFirst();
      if (unit?.kind !== 'directorate') return { ok: false, error: { code: 'governance.referent.notDirectorate' } };
      const newName = input.personId ? await personLabel(trx, user.institutionId, input.personId) : null;
      if (input.personId && !newName) return { ok: false, error: { code: 'governance.person.unknown' } };
      const seat = await trx
        .selectFrom('working_group_member')
        .innerJoin('person', 'person.id', 'working_group_member.person_id')
        .select(['working_group_member.id', 'working_group_member.person_id', 'person.display_name'])
        .where('working_group_member.group_id', '=', committee.id)
        .where('working_group_member.unit_id', '=', unit.id)
        .where('working_group_member.role', '=', 'referent')
        .executeTakeFirst();
      if ((seat?.person_id ?? null) === input.personId) return { ok: true, value: { changed: false } };
      if (seat && input.personId) {
        await trx
          .updateTable('working_group_member')
          .set({ person_id: input.personId })
          .where('id', '=', seat.id)
          .execute();
      } else if (seat) {
        await trx.deleteFrom('working_group_member').where('id', '=', seat.id).execute();
      } else if (input.personId) {
        await trx
          .insertInto('working_group_member')
          .values({
            id: newId(),
            group_id: committee.id,
            person_id: input.personId,
            role: 'referent',
            unit_id: unit.id,
          })
          .execute();
      }
      const unitLabel = unit.short_name ?? unit.name;
      await recordAudit(trx, {
        institutionId: user.institutionId,
        actor: actorOfUser(user),
        entityType: 'working_group',
        entityId: committee.id,
        operation: 'update',
        changes: [
          {
            field: 'referent',
            before: seat ? `${seat.display_name} (${unitLabel})` : null,
            after: newName ? `${newName} (${unitLabel})` : null,
          },
        ],
      });
      return { ok: true, value: { changed: true } };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, error: { code: 'governance.referent.conflict' } };
    throw error;
  }
}

/** The committee has one chair (the DD&RS officer): naming another replaces the previous one. */
export async function setCommitteeChair(
  db: Kysely<DB>,
  user: SessionUser,
  personId: string,
): GovernanceResult<{ changed: boolean }, 'governance.committee.missing' | 'governance.person.unknown'> {
  if (!canEditReferenceData(user)) return { ok: false, error: { code: 'governance.forbidden' } };
  return db.transaction().execute(async (trx) => {
    const committee = await findSteeringCommittee(trx, user.institutionId);
    if (!committee) return { ok: false, error: { code: 'governance.committee.missing' } } as const;
    const newName = await personLabel(trx, user.institutionId, personId);
    if (!newName) return { ok: false, error: { code: 'governance.person.unknown' } } as const;
    const chairs = await trx
      .selectFrom('working_group_member')
      .innerJoin('person', 'person.id', 'working_group_member.person_id')
      .select(['working_group_member.id', 'working_group_member.person_id', 'person.display_name'])
      .where('working_group_member.group_id', '=', committee.id)
      .where('working_group_member.role', '=', 'chair')
      .execute();
    if (chairs.length === 1 && chairs[0].person_id === personId)
      return { ok: true, value: { changed: false } } as const;
    await trx
      .deleteFrom('working_group_member')
      .where('group_id', '=', committee.id)
      .where('role', '=', 'chair')
      .execute();
    await trx
      .insertInto('working_group_member')
      .values({ id: newId(), group_id: committee.id, person_id: personId, role: 'chair', unit_id: null })
      .execute();
    await recordAudit(trx, {
      institutionId: user.institutionId,
      actor: actorOfUser(user),
      entityType: 'working_group',
      entityId: committee.id,
      operation: 'update',
      changes: [{ field: 'chair', before: chairs.map((c) => c.display_name).join(', ') || null, after: newName }],
    });
    return { ok: true, value: { changed: true } } as const;
  });
}

/** Creates a working group, or the steering committee when the institution has none yet (one only). */
export async function createWorkingGroup(
  db: Kysely<DB>,
  user: SessionUser,
  input: WorkingGroupInput,
): GovernanceResult<{ id: string }, 'governance.committee.exists'> {
  if (!canEditReferenceData(user)) return { ok: false, error: { code: 'governance.forbidden' } };
  return db.transaction().execute(async (trx) => {
    if (input.kind === 'steering_committee' && (await findSteeringCommittee(trx, user.institutionId))) {
      return { ok: false, error: { code: 'governance.committee.exists' } } as const;
    }
    const id = newId();
    await trx
      .insertInto('working_group')
      .values({ id, institution_id: user.institutionId, kind: input.kind, name: input.name, purpose: input.purpose })
      .execute();
    await recordAudit(trx, {
      institutionId: user.institutionId,
      actor: actorOfUser(user),
      entityType: 'working_group',
      entityId: id,
      operation: 'create',
      changes: [
        { field: 'name', before: null, after: input.name },
        { field: 'purpose', before: null, after: input.purpose },
      ].filter((c) => c.after !== null),
    });
    return { ok: true, value: { id } } as const;
  });
}
