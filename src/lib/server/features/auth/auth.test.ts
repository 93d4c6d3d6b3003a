import { expect, test } from 'vitest';
import { newId, nowIso } from '../../db/ids';
import { describeEachDialect } from '../../testing/databases';
import { canEditAction, type SessionUser } from './auth';
import { createUser, findUserBySessionToken, logIn, logOut } from './auth.service';

const pilot: SessionUser = {
  id: 'u1',
  email: 'p@x.test',
  displayName: 'P',
  locale: 'fr',
  personId: 'person-1',
  institutionId: 'i1',
  role: 'pilot',
};

test('a pilot edits an action they pilot, alone or through their team', () => {
  expect(canEditAction(pilot, [{ personId: 'person-1', teamId: null }], [])).toBe(true);
  expect(canEditAction(pilot, [{ personId: null, teamId: 'team-9' }], ['team-9'])).toBe(true);
});

test("a pilot cannot edit another pilot's action", () => {
  expect(canEditAction(pilot, [{ personId: 'person-2', teamId: null }], [])).toBe(false);
  expect(canEditAction(pilot, [], [])).toBe(false);
});

test('committee members, contributors and viewers read but do not edit; the officer edits all', () => {
  for (const role of ['committee', 'contributor', 'viewer'] as const) {
    expect(canEditAction({ ...pilot, role }, [{ personId: 'person-1', teamId: null }], [])).toBe(false);
  }
  expect(canEditAction({ ...pilot, role: 'admin', personId: null }, [], [])).toBe(true);
});

const limits = { maxAttempts: 3, windowMinutes: 15, sessionHours: 1 };

describeEachDialect('accounts and sessions', (get) => {
  let institutionId = '';

  test('a user logs in with the right password and the session identifies them', async () => {
    const { db } = get();
    institutionId = newId();
    await db
      .insertInto('institution')
      .values({
        id: institutionId,
        slug: `i-${institutionId}`,
        name: 'Test',
        purpose_statement: null,
        ambition: null,
        values_text: null,
        created_at: nowIso(),
      })
      .execute();
    const created = await createUser(db, {
      email: 'Officer@Example.test',
      displayName: 'Officer',
      password: 'correct horse battery',
      institutionId,
      role: 'admin',
    });
    expect(created.ok).toBe(true);
    const stored = await db
      .selectFrom('app_user')
      .select('password_hash')
      .where('email', '=', 'officer@example.test')
      .executeTakeFirstOrThrow();
    expect(stored.password_hash.startsWith('$argon2id$')).toBe(true);

    const r = await logIn(
      db,
      { email: 'officer@example.test', password: 'correct horse battery', clientAddress: '10.0.0.1' },
      limits,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const user = await findUserBySessionToken(db, r.token);
    expect(user?.role).toBe('admin');
    await logOut(db, r.token);
    expect(await findUserBySessionToken(db, r.token)).toBeNull();
  });

  test('a short password and a taken address are refused with a reason', async () => {
    const { db } = get();
    const short = await createUser(db, {
      email: 'a@b.test',
      displayName: 'A',
      password: 'short',
      institutionId,
      role: 'viewer',
    });
    expect(short).toEqual({ ok: false, error: { code: 'auth.user.passwordTooShort' } });
    const taken = await createUser(db, {
      email: 'officer@example.test',
      displayName: 'B',
      password: 'long enough password',
      institutionId,
      role: 'viewer',
    });
    expect(taken).toEqual({ ok: false, error: { code: 'auth.user.emailTaken' } });
  });

  test('repeated wrong passwords lock the account for the window, even with the right one', async () => {
    const { db } = get();
    for (let i = 0; i < limits.maxAttempts; i++) {
      const r = await logIn(
        db,
        { email: 'officer@example.test', password: 'wrong', clientAddress: `10.0.1.${i}` },
        limits,
      );
      expect(r).toEqual({ ok: false, error: { code: 'auth.login.invalid' } });
    }
    const locked = await logIn(
      db,
      { email: 'officer@example.test', password: 'correct horse battery', clientAddress: '10.0.2.1' },
      limits,
    );
    expect(locked).toEqual({ ok: false, error: { code: 'auth.login.rateLimited' } });
  });

  test('an unknown account answers like a wrong password', async () => {
    const { db } = get();
    const r = await logIn(
      db,
      { email: 'nobody@example.test', password: 'whatever', clientAddress: '10.0.3.1' },
      limits,
    );
    expect(r).toEqual({ ok: false, error: { code: 'auth.login.invalid' } });
  });

  test('an expired session is refused', async () => {
    const { db } = get();
    const user = await db.selectFrom('app_user').select('id').executeTakeFirstOrThrow();
    const { createHash } = await import('node:crypto');
    await db
      .insertInto('session')
      .values({
        id: createHash('sha256').update('old-token').digest('hex'),
        user_id: user.id,
        created_at: nowIso(),
        expires_at: '2000-01-01T00:00:00.000Z',
      })
      .execute();
    expect(await findUserBySessionToken(db, 'old-token')).toBeNull();
  });
});
