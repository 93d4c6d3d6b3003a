import type { Kysely } from 'kysely';
import { z } from 'zod';
import { isUniqueViolation } from '../../db/dialect';
import { newId } from '../../db/ids';
import type { DB } from '../../db/schema';
import { type Actor, diffFields, recordAudit } from '../audit';
import { canManageUsers, ROLES, type SessionUser } from './auth';
import { insertUserRows } from './auth.service';
import { hashPassword, MIN_PASSWORD_LENGTH } from './password';

const personRef = z.string().min(1).max(64).nullable();

/** A new account as the officer enters it. Issue messages are i18n keys the form shows as is. */
export const newUserSchema = z.object({
  email: z.string().trim().toLowerCase().max(320).email({ error: 'auth.user.emailInvalid' }),
  displayName: z.string().trim().min(1, { error: 'admin.user.nameRequired' }).max(200),
  password: z.string().min(MIN_PASSWORD_LENGTH, { error: 'auth.user.passwordTooShort' }).max(1000),
  role: z.enum(ROLES),
  personId: personRef,
});
export type NewUserInput = z.infer<typeof newUserSchema>;

/** What the officer may change on an account: its role, the person it acts as, whether it may log in. */
export const userUpdateSchema = z.object({
  role: z.enum(ROLES),
  personId: personRef,
  disabled: z.boolean(),
});
export type UserUpdateInput = z.infer<typeof userUpdateSchema>;

export type UserAdminError =
  | 'admin.user.forbidden'
  | 'admin.user.notFound'
  | 'admin.user.selfDemotion'
  | 'admin.user.selfDisable'
  | 'admin.user.personUnknown'
  | 'admin.user.personTaken'
  | 'auth.user.emailTaken';

export type UserAdminResult<T> = { ok: true; value: T } | { ok: false; error: { code: UserAdminError } };

function actorOf(user: SessionUser): Actor {
  return { userId: user.id, label: user.displayName };
}

/**
 * The person an account acts as must belong to the officer's institution and
 * not already act for another account: two accounts editing as one pilot
 * would blur the history.
 */
async function checkPersonLink(
  trx: Kysely<DB>,
  institutionId: string,
  personId: string | null,
  userId: string | null,
): Promise<UserAdminError | null> {
  if (!personId) return null;
  const person = await trx
    .selectFrom('person')
    .select('id')
    .where('id', '=', personId)
    .where('institution_id', '=', institutionId)
    .executeTakeFirst();
  if (!person) return 'admin.user.personUnknown';
  let other = trx.selectFrom('app_user').select('id').where('person_id', '=', personId);
  if (userId) other = other.where('id', '<>', userId);
  return (await other.executeTakeFirst()) ? 'admin.user.personTaken' : null;
}

/** Creates an account in the officer's institution; the history records who created it, with which role. */
export async function addUser(
  db: Kysely<DB>,
  actor: SessionUser,
  input: NewUserInput,
): Promise<UserAdminResult<{ id: string }>> {
  if (!canManageUsers(actor)) return { ok: false, error: { code: 'admin.user.forbidden' } };
  const id = newId();
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction().execute(async (trx): Promise<UserAdminResult<{ id: string }>> => {
      const taken = await trx.selectFrom('app_user').select('id').where('email', '=', input.email).executeTakeFirst();
      if (taken) return { ok: false, error: { code: 'auth.user.emailTaken' } };
      const linkError = await checkPersonLink(trx, actor.institutionId, input.personId, null);
      if (linkError) return { ok: false, error: { code: linkError } };
      await insertUserRows(trx, {
        id,
        email: input.email,
        displayName: input.displayName,
        passwordHash,
        locale: actor.locale,
        personId: input.personId,
        institutionId: actor.institutionId,
        role: input.role,
      });
      await recordAudit(trx, {
        institutionId: actor.institutionId,
        actor: actorOf(actor),
        entityType: 'user',
        entityId: id,
        operation: 'create',
        changes: diffFields<Record<string, string | null>>(
          { email: null, role: null, person_id: null },
          { email: input.email, role: input.role, person_id: input.personId },
        ),
      });
      return { ok: true, value: { id } };
    });
  } catch (error) {
    // Two officers creating the same address at once: the unique index decides.
    if (isUniqueViolation(error)) return { ok: false, error: { code: 'auth.user.emailTaken' } };
    throw error;
  }
}

/**
 * Changes an account's role, linked person or disabled flag. An officer cannot
 * take away their own admin role nor disable themself, so an institution
 * always keeps someone able to manage accounts. A disabled account's sessions
 * end at once. Every change goes to the history with its old and new value.
 */
export async function updateUser(
  db: Kysely<DB>,
  actor: SessionUser,
  userId: string,
  input: UserUpdateInput,
): Promise<UserAdminResult<{ changed: number }>> {
  if (!canManageUsers(actor)) return { ok: false, error: { code: 'admin.user.forbidden' } };
  if (userId === actor.id && input.role !== 'admin') return { ok: false, error: { code: 'admin.user.selfDemotion' } };
  if (userId === actor.id && input.disabled) return { ok: false, error: { code: 'admin.user.selfDisable' } };
  return db.transaction().execute(async (trx): Promise<UserAdminResult<{ changed: number }>> => {
    const current = await trx
      .selectFrom('app_user')
      .innerJoin('membership', 'membership.user_id', 'app_user.id')
      .select(['app_user.id', 'app_user.person_id', 'app_user.disabled', 'membership.role'])
      .where('app_user.id', '=', userId)
      .where('membership.institution_id', '=', actor.institutionId)
      .executeTakeFirst();
    if (!current) return { ok: false, error: { code: 'admin.user.notFound' } };
    if (input.personId !== current.person_id) {
      const linkError = await checkPersonLink(trx, actor.institutionId, input.personId, userId);
      if (linkError) return { ok: false, error: { code: linkError } };
    }
    const changes = diffFields(
      { role: current.role, person_id: current.person_id, disabled: String(Boolean(current.disabled)) },
      { role: input.role, person_id: input.personId, disabled: String(input.disabled) },
    );
    if (changes.length === 0) return { ok: true, value: { changed: 0 } };
    await trx
      .updateTable('membership')
      .set({ role: input.role })
      .where('user_id', '=', userId)
      .where('institution_id', '=', actor.institutionId)
      .execute();
    await trx
      .updateTable('app_user')
      .set({ person_id: input.personId, disabled: input.disabled ? 1 : 0 })
      .where('id', '=', userId)
      .execute();
    if (input.disabled) await trx.deleteFrom('session').where('user_id', '=', userId).execute();
    await recordAudit(trx, {
      institutionId: actor.institutionId,
      actor: actorOf(actor),
      entityType: 'user',
      entityId: userId,
      operation: 'update',
      changes,
    });
    return { ok: true, value: { changed: changes.length } };
  });
}
