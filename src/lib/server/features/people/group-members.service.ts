import type { Kysely } from 'kysely';
import { z } from 'zod';
import { newId } from '../../db/ids';
import type { DB } from '../../db/schema';
import { recordAudit } from '../audit';
import { canEditReferenceData, type SessionUser } from '../auth';
import type { Result } from '../plan';
import { actorOfUser } from './people.service';

export const groupMemberInputSchema = z.object({
  groupId: z.string().min(1).max(64),
  personId: z.string().min(1).max(64),
});
export type GroupMemberInput = z.infer<typeof groupMemberInputSchema>;

type MemberError =
  | 'governance.forbidden'
  | 'governance.group.notFound'
  | 'governance.person.unknown'
  | 'governance.member.duplicate';

async function findGroup(trx: Kysely<DB>, institutionId: string, groupId: string) {
  return trx
    .selectFrom('working_group')
    .select(['id', 'kind'])
    .where('id', '=', groupId)
    .where('institution_id', '=', institutionId)
    .executeTakeFirst();
}

/** Adds a person to a group as a plain member (the committee's chair and referents have their own forms). */
export async function addGroupMember(
  db: Kysely<DB>,
  user: SessionUser,
  input: GroupMemberInput,
): Promise<Result<{ id: string }, MemberError>> {
  if (!canEditReferenceData(user)) return { ok: false, error: { code: 'governance.forbidden' } };
  return db.transaction().execute(async (trx): Promise<Result<{ id: string }, MemberError>> => {
    const group = await findGroup(trx, user.institutionId, input.groupId);
    if (!group) return { ok: false, error: { code: 'governance.group.notFound' } };
    const person = await trx
      .selectFrom('person')
      .select('display_name')
      .where('id', '=', input.personId)
      .where('institution_id', '=', user.institutionId)
      .executeTakeFirst();
    if (!person) return { ok: false, error: { code: 'governance.person.unknown' } };
    const already = await trx
      .selectFrom('working_group_member')
      .select('id')
      .where('group_id', '=', group.id)
      .where('person_id', '=', input.personId)
      .where('role', '=', 'member')
      .executeTakeFirst();
    if (already) return { ok: false, error: { code: 'governance.member.duplicate' } };
    const id = newId();
    await trx
      .insertInto('working_group_member')
      .values({ id, group_id: group.id, person_id: input.personId, role: 'member', unit_id: null })
      .execute();
    await recordAudit(trx, {
      institutionId: user.institutionId,
      actor: actorOfUser(user),
      entityType: 'working_group',
      entityId: group.id,
      operation: 'update',
      changes: [{ field: 'member', before: null, after: person.display_name }],
    });
    return { ok: true, value: { id } };
  });
}

/** Removes a plain member from a group; the history keeps who left. */
export async function removeGroupMember(
  db: Kysely<DB>,
  user: SessionUser,
  memberId: string,
): Promise<Result<{ groupId: string }, MemberError>> {
  if (!canEditReferenceData(user)) return { ok: false, error: { code: 'governance.forbidden' } };
  return db.transaction().execute(async (trx): Promise<Result<{ groupId: string }, MemberError>> => {
    const member = await trx
      .selectFrom('working_group_member')
      .innerJoin('working_group', 'working_group.id', 'working_group_member.group_id')
      .innerJoin('person', 'person.id', 'working_group_member.person_id')
      .select(['working_group_member.id', 'working_group_member.group_id', 'person.display_name'])
      .where('working_group_member.id', '=', memberId)
      .where('working_group_member.role', '=', 'member')
      .where('working_group.institution_id', '=', user.institutionId)
      .executeTakeFirst();
    if (!member) return { ok: false, error: { code: 'governance.group.notFound' } };
    await trx.deleteFrom('working_group_member').where('id', '=', member.id).execute();
    await recordAudit(trx, {
      institutionId: user.institutionId,
      actor: actorOfUser(user),
      entityType: 'working_group',
      entityId: member.group_id,
      operation: 'update',
      changes: [{ field: 'member', before: member.display_name, after: null }],
    });
    return { ok: true, value: { groupId: member.group_id } };
  });
}
