import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { newId, nowIso } from '../../db/ids';
import type { DB } from '../../db/schema';
import { isRole, type Role, type SessionUser } from './auth';
import { decoyHash, hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from './password';

export const SESSION_COOKIE = 'trj_session';

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export type LoginResult =
  | { ok: true; token: string; expiresAt: Date; user: SessionUser }
  | { ok: false; error: { code: 'auth.login.invalid' | 'auth.login.rateLimited' } };

export interface LoginLimits {
  maxAttempts: number;
  windowMinutes: number;
  sessionHours: number;
}

async function recentFailures(db: Kysely<DB>, keyHash: string, since: string): Promise<number> {
  const row = await db
    .selectFrom('login_attempt')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('key_hash', '=', keyHash)
    .where('at', '>=', since)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * Checks a password and opens a session. Failed attempts are counted per
 * account and per client address in the database, so the limit holds across
 * several server processes.
 */
export async function logIn(
  db: Kysely<DB>,
  input: { email: string; password: string; clientAddress: string },
  limits: LoginLimits,
): Promise<LoginResult> {
  const email = input.email.trim().toLowerCase();
  const keys = [sha256(`account:${email}`), sha256(`address:${input.clientAddress}`)];
  const since = new Date(Date.now() - limits.windowMinutes * 60_000).toISOString();
  for (const key of keys) {
    if ((await recentFailures(db, key, since)) >= limits.maxAttempts) {
      return { ok: false, error: { code: 'auth.login.rateLimited' } };
    }
  }
  const user = await db.selectFrom('app_user').selectAll().where('email', '=', email).executeTakeFirst();
  const valid = user && !user.disabled ? await verifyPassword(user.password_hash, input.password) : false;
  if (!user) await verifyPassword(await decoyHash(), input.password);
  if (!valid || !user) {
    const at = nowIso();
    await db
      .insertInto('login_attempt')
      .values(keys.map((key_hash) => ({ id: newId(), key_hash, at })))
      .execute();
    return { ok: false, error: { code: 'auth.login.invalid' } };
  }
  await db.deleteFrom('login_attempt').where('key_hash', '=', keys[0]).execute();
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + limits.sessionHours * 3_600_000);
  await db
    .insertInto('session')
    .values({ id: sha256(token), user_id: user.id, created_at: nowIso(), expires_at: expiresAt.toISOString() })
    .execute();
  await db.updateTable('app_user').set({ last_login_at: nowIso() }).where('id', '=', user.id).execute();
  const sessionUser = await findSessionUserById(db, user.id);
  if (!sessionUser) return { ok: false, error: { code: 'auth.login.invalid' } };
  return { ok: true, token, expiresAt, user: sessionUser };
}

export async function findSessionUserById(db: Kysely<DB>, userId: string): Promise<SessionUser | null> {
  const row = await db
    .selectFrom('app_user')
    .innerJoin('membership', 'membership.user_id', 'app_user.id')
    .select([
      'app_user.id',
      'app_user.email',
      'app_user.display_name',
      'app_user.locale',
      'app_user.person_id',
      'app_user.disabled',
      'membership.institution_id',
      'membership.role',
    ])
    .where('app_user.id', '=', userId)
    .orderBy('membership.institution_id')
    .executeTakeFirst();
  if (!row || row.disabled || !isRole(row.role)) return null;
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    locale: row.locale,
    personId: row.person_id,
    institutionId: row.institution_id,
    role: row.role,
  };
}

/** The user behind a session cookie, or null when it is unknown or expired. */
export async function findUserBySessionToken(db: Kysely<DB>, token: string): Promise<SessionUser | null> {
  const session = await db
    .selectFrom('session')
    .select(['user_id', 'expires_at'])
    .where('id', '=', sha256(token))
    .executeTakeFirst();
  if (!session || session.expires_at <= nowIso()) return null;
  return findSessionUserById(db, session.user_id);
}

export async function logOut(db: Kysely<DB>, token: string): Promise<void> {
  await db.deleteFrom('session').where('id', '=', sha256(token)).execute();
}

export type CreateUserResult =
  | { ok: true; value: { id: string } }
  | { ok: false; error: { code: 'auth.user.emailTaken' | 'auth.user.passwordTooShort' | 'auth.user.emailInvalid' } };

export async function createUser(
  db: Kysely<DB>,
  input: {
    email: string;
    displayName: string;
    password: string;
    institutionId: string;
    role: Role;
    personId?: string | null;
    locale?: string;
  },
): Promise<CreateUserResult> {
  const email = input.email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return { ok: false, error: { code: 'auth.user.emailInvalid' } };
  if (input.password.length < MIN_PASSWORD_LENGTH) return { ok: false, error: { code: 'auth.user.passwordTooShort' } };
  const existing = await db.selectFrom('app_user').select('id').where('email', '=', email).executeTakeFirst();
  if (existing) return { ok: false, error: { code: 'auth.user.emailTaken' } };
  const id = newId();
  const password_hash = await hashPassword(input.password);
  await db.transaction().execute((trx) =>
    insertUserRows(trx, {
      id,
      email,
      displayName: input.displayName.trim() || email,
      passwordHash: password_hash,
      locale: input.locale ?? 'fr',
      personId: input.personId ?? null,
      institutionId: input.institutionId,
      role: input.role,
    }),
  );
  return { ok: true, value: { id } };
}

/** The account row and its membership, inside the caller's transaction (shared by every way of creating an account). */
export async function insertUserRows(
  trx: Kysely<DB>,
  u: {
    id: string;
    email: string;
    displayName: string;
    passwordHash: string;
    locale: string;
    personId: string | null;
    institutionId: string;
    role: Role;
  },
): Promise<void> {
  await trx
    .insertInto('app_user')
    .values({
      id: u.id,
      email: u.email,
      display_name: u.displayName,
      password_hash: u.passwordHash,
      locale: u.locale,
      person_id: u.personId,
      disabled: 0,
      created_at: nowIso(),
      last_login_at: null,
    })
    .execute();
  await trx.insertInto('membership').values({ user_id: u.id, institution_id: u.institutionId, role: u.role }).execute();
}

export interface UserRow {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  personId: string | null;
  disabled: boolean;
  lastLoginAt: string | null;
}

export async function listUsers(db: Kysely<DB>, institutionId: string): Promise<UserRow[]> {
  const rows = await db
    .selectFrom('app_user')
    .innerJoin('membership', 'membership.user_id', 'app_user.id')
    .select([
      'app_user.id',
      'app_user.email',
      'app_user.display_name',
      'app_user.person_id',
      'app_user.disabled',
      'app_user.last_login_at',
      'membership.role',
    ])
    .where('membership.institution_id', '=', institutionId)
    .orderBy('app_user.email')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    displayName: r.display_name,
    role: isRole(r.role) ? r.role : 'viewer',
    personId: r.person_id,
    disabled: Boolean(r.disabled),
    lastLoginAt: r.last_login_at,
  }));
}

export async function countAdmins(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('membership')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin')
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function setUserLocale(db: Kysely<DB>, userId: string, locale: string): Promise<void> {
  await db.updateTable('app_user').set({ locale }).where('id', '=', userId).execute();
}

/** The teams a person belongs to: a pilot edits the actions of their teams too. */
export async function listTeamIdsOfPerson(db: Kysely<DB>, personId: string | null): Promise<string[]> {
  if (!personId) return [];
  const rows = await db.selectFrom('team_member').select('team_id').where('person_id', '=', personId).execute();
  return rows.map((r) => r.team_id);
}
