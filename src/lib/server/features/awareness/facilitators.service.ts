import type { Kysely } from 'kysely';
import { nowIso } from '../../db/ids';
import type { DB } from '../../db/schema';
import { recordAudit } from '../audit';
import type { SessionUser } from '../auth';
import { canManageAwareness, FACILITATOR_SKILL } from './awareness';
import { deleteSkill, findPerson, hasSkill, insertSkill, listPeople, listPeopleWithSkill } from './awareness.queries';

export interface FacilitatorsPage {
  canManage: boolean;
  /** People with the facilitator skill and the number of sessions each led. */
  facilitators: { id: string; name: string; sessions: number }[];
  /** The other people of the institution, offered to the officer. */
  others: { id: string; name: string }[];
}

export async function getFacilitatorsPage(db: Kysely<DB>, user: SessionUser): Promise<FacilitatorsPage> {
  const facilitators = await listPeopleWithSkill(db, user.institutionId, FACILITATOR_SKILL);
  const canManage = canManageAwareness(user);
  const known = new Set(facilitators.map((f) => f.id));
  const others = canManage
    ? (await listPeople(db, user.institutionId))
        .filter((p) => !known.has(p.id))
        .map((p) => ({ id: p.id, name: p.display_name }))
    : [];
  return { canManage, facilitators, others };
}

type SkillResult =
  | { ok: true }
  | { ok: false; error: { code: 'awareness.error.forbidden' | 'awareness.error.notFound' } };

/** Gives a person of the institution the facilitator skill (the officer); giving it twice changes nothing. */
export async function addFacilitator(db: Kysely<DB>, user: SessionUser, personId: string): Promise<SkillResult> {
  if (!canManageAwareness(user)) return { ok: false, error: { code: 'awareness.error.forbidden' } };
  const person = await findPerson(db, user.institutionId, personId);
  if (!person) return { ok: false, error: { code: 'awareness.error.notFound' } };
  await db.transaction().execute(async (trx) => {
    if (await hasSkill(trx, personId, FACILITATOR_SKILL)) return;
    await insertSkill(trx, personId, FACILITATOR_SKILL, nowIso());
    await recordAudit(trx, {
      institutionId: user.institutionId,
      actor: { userId: user.id, label: user.displayName },
      entityType: 'person',
      entityId: personId,
      operation: 'update',
      changes: [{ field: 'skill', before: null, after: FACILITATOR_SKILL }],
    });
  });
  return { ok: true };
}

/** Takes the skill back; the sessions the person led keep them as facilitator. */
export async function removeFacilitator(db: Kysely<DB>, user: SessionUser, personId: string): Promise<SkillResult> {
  if (!canManageAwareness(user)) return { ok: false, error: { code: 'awareness.error.forbidden' } };
  const person = await findPerson(db, user.institutionId, personId);
  if (!person || !(await hasSkill(db, personId, FACILITATOR_SKILL))) {
    return { ok: false, error: { code: 'awareness.error.notFound' } };
  }
  await db.transaction().execute(async (trx) => {
    await deleteSkill(trx, personId, FACILITATOR_SKILL);
    await recordAudit(trx, {
      institutionId: user.institutionId,
      actor: { userId: user.id, label: user.displayName },
      entityType: 'person',
      entityId: personId,
      operation: 'update',
      changes: [{ field: 'skill', before: FACILITATOR_SKILL, after: null }],
    });
  });
  return { ok: true };
}
