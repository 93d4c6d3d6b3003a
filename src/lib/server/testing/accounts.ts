import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { findSessionUserById, type SessionUser } from '../features/auth';

/** The session of an existing account (a demo account, usually), as the pages would see it. */
export async function sessionUserByEmail(db: Kysely<DB>, email: string): Promise<SessionUser> {
  const row = await db.selectFrom('app_user').select('id').where('email', '=', email).executeTakeFirstOrThrow();
  const user = await findSessionUserById(db, row.id);
  if (!user) throw new Error(`no session user for ${email}`);
  return user;
}
