import type { Kysely } from 'kysely';
import { beforeAll, expect, test } from 'vitest';
import type { DB } from '../../db/schema';
import { describeEachDialect } from '../../testing/databases';
import { loadDemoIfEmpty } from '../demo';
import { getActionPage } from '../plan';
import type { SessionUser } from './auth';
import { findSessionUserById } from './auth.service';
import { addUser, updateUser } from './users.service';

async function sessionUserByEmail(db: Kysely<DB>, email: string): Promise<SessionUser> {
  const row = await db.selectFrom('app_user').select('id').where('email', '=', email).executeTakeFirstOrThrow();
  const user = await findSessionUserById(db, row.id);
  if (!user) throw new Error(`no session user for ${email}`);
  return user;
}

async function personIdByFamilyName(db: Kysely<DB>, familyName: string): Promise<string> {
  const row = await db
    .selectFrom('person')
    .select('id')
    .where('family_name', '=', familyName)
    .executeTakeFirstOrThrow();
  return row.id;
}

async function compostingActionId(db: Kysely<DB>): Promise<string> {
  const row = await db
    .selectFrom('action')
    .select('id')
    .where('title', 'like', 'Compostage des déchets%')
    .executeTakeFirstOrThrow();
  return row.id;
}

describeEachDialect('user administration', (get) => {
  let admin: SessionUser;
  let pilot: SessionUser;

  beforeAll(async () => {
    const { db } = get();
    await loadDemoIfEmpty(db, { password: 'demo-password-123' });
    admin = await sessionUserByEmail(db, 'responsable.ddrs@demo.trajectoire.test');
    pilot = await sessionUserByEmail(db, 'pilote@demo.trajectoire.test');
  });

  test('an admin changes a role and the history records the role before and after', async () => {
    const { db } = get();
    const viewer = await sessionUserByEmail(db, 'lecteur@demo.trajectoire.test');
    const r = await updateUser(db, admin, viewer.id, { role: 'contributor', personId: null, disabled: false });
    expect(r).toEqual({ ok: true, value: { changed: 1 } });
    expect((await findSessionUserById(db, viewer.id))?.role).toBe('contributor');
    const audit = await db
      .selectFrom('audit_event')
      .select(['field', 'before_value', 'after_value', 'actor_user_id', 'operation'])
      .where('entity_type', '=', 'user')
      .where('entity_id', '=', viewer.id)
      .execute();
    expect(audit).toEqual([
      {
        field: 'role',
        before_value: 'viewer',
        after_value: 'contributor',
        actor_user_id: admin.id,
        operation: 'update',
      },
    ]);
  });

  test('a non-admin cannot change accounts, nor create one', async () => {
    const { db } = get();
    const viewer = await sessionUserByEmail(db, 'lecteur@demo.trajectoire.test');
    expect(await updateUser(db, pilot, viewer.id, { role: 'admin', personId: null, disabled: false })).toEqual({
      ok: false,
      error: { code: 'admin.user.forbidden' },
    });
    expect(await updateUser(db, pilot, pilot.id, { role: 'admin', personId: pilot.personId, disabled: false })).toEqual(
      {
        ok: false,
        error: { code: 'admin.user.forbidden' },
      },
    );
    const created = await addUser(db, pilot, {
      email: 'intrus@demo.trajectoire.test',
      displayName: 'Intrus',
      password: 'a long enough password',
      role: 'admin',
      personId: null,
    });
    expect(created).toEqual({ ok: false, error: { code: 'admin.user.forbidden' } });
    expect((await findSessionUserById(db, pilot.id))?.role).toBe('pilot');
  });

  test('an admin can neither demote nor disable themself', async () => {
    const { db } = get();
    expect(
      await updateUser(db, admin, admin.id, { role: 'committee', personId: admin.personId, disabled: false }),
    ).toEqual({
      ok: false,
      error: { code: 'admin.user.selfDemotion' },
    });
    expect(await updateUser(db, admin, admin.id, { role: 'admin', personId: admin.personId, disabled: true })).toEqual({
      ok: false,
      error: { code: 'admin.user.selfDisable' },
    });
    expect((await findSessionUserById(db, admin.id))?.role).toBe('admin');
  });

  test('a pilot edits the actions of the person their account is linked to, and no longer once re-linked', async () => {
    const { db } = get();
    const actionId = await compostingActionId(db);
    const robert = await personIdByFamilyName(db, 'Robert');
    expect(pilot.personId).toBe(robert);
    expect((await getActionPage(db, pilot, actionId))?.canEdit).toBe(true);

    const other = await personIdByFamilyName(db, 'Taguet');
    expect(await updateUser(db, admin, pilot.id, { role: 'pilot', personId: other, disabled: false })).toEqual({
      ok: true,
      value: { changed: 1 },
    });
    const relinked = await sessionUserByEmail(db, 'pilote@demo.trajectoire.test');
    expect(relinked.personId).toBe(other);
    expect((await getActionPage(db, relinked, actionId))?.canEdit).toBe(false);
  });

  test('two accounts cannot act as the same person', async () => {
    const { db } = get();
    const paradis = await personIdByFamilyName(db, 'Paradis');
    const viewer = await sessionUserByEmail(db, 'lecteur@demo.trajectoire.test');
    expect(await updateUser(db, admin, viewer.id, { role: 'pilot', personId: paradis, disabled: false })).toEqual({
      ok: false,
      error: { code: 'admin.user.personTaken' },
    });
  });

  test('an admin creates an account linked to a person; a disabled account cannot open a session', async () => {
    const { db } = get();
    const person = await personIdByFamilyName(db, 'Enrech');
    const created = await addUser(db, admin, {
      email: 'c.enrech@demo.trajectoire.test',
      displayName: 'Enrech C.',
      password: 'a long enough password',
      role: 'pilot',
      personId: person,
    });
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    expect((await findSessionUserById(db, created.value.id))?.personId).toBe(person);
    const again = await addUser(db, admin, {
      email: 'c.enrech@demo.trajectoire.test',
      displayName: 'Doublon',
      password: 'a long enough password',
      role: 'viewer',
      personId: null,
    });
    expect(again).toEqual({ ok: false, error: { code: 'auth.user.emailTaken' } });

    expect(await updateUser(db, admin, created.value.id, { role: 'pilot', personId: person, disabled: true })).toEqual({
      ok: true,
      value: { changed: 1 },
    });
    expect(await findSessionUserById(db, created.value.id)).toBeNull();
    const fields = await db
      .selectFrom('audit_event')
      .select(['operation', 'field', 'after_value'])
      .where('entity_id', '=', created.value.id)
      .orderBy('at')
      .orderBy('field')
      .execute();
    expect(fields).toEqual([
      { operation: 'create', field: 'email', after_value: 'c.enrech@demo.trajectoire.test' },
      { operation: 'create', field: 'person_id', after_value: person },
      { operation: 'create', field: 'role', after_value: 'pilot' },
      { operation: 'update', field: 'disabled', after_value: 'true' },
    ]);
  });
});
