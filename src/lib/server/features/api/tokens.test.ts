import { expect, test } from 'vitest';
import { describeEachDialect } from '../../testing/databases';
import { listAuditForEntity } from '../audit';
import { DEMO_VIEWER, demoContext, userByEmail } from './test-fixtures';
import {
  authenticateApiToken,
  bearerTokenOf,
  createApiToken,
  generateToken,
  hashToken,
  isTokenShaped,
  listApiTokens,
  MAX_ACTIVE_TOKENS,
  revokeApiToken,
} from './tokens';

test('a token is trj_ followed by 32 random bytes in base64url, different every time', () => {
  const a = generateToken();
  expect(a).toMatch(/^trj_[A-Za-z0-9_-]{43}$/);
  expect(isTokenShaped(a)).toBe(true);
  expect(generateToken()).not.toBe(a);
  expect(isTokenShaped('trj_short')).toBe(false);
  expect(hashToken(a)).toMatch(/^[0-9a-f]{64}$/);
});

test('only a Bearer authorization header carries a token', () => {
  expect(bearerTokenOf('Bearer trj_abc')).toBe('trj_abc');
  expect(bearerTokenOf('bearer   trj_abc ')).toBe('trj_abc');
  expect(bearerTokenOf('Basic dXNlcjpwYXNz')).toBeNull();
  expect(bearerTokenOf('Bearer')).toBeNull();
  expect(bearerTokenOf(null)).toBeNull();
});

describeEachDialect('personal API tokens', (get) => {
  test('a new token is given once; the database keeps only its SHA-256', async () => {
    const { db } = get();
    const { user } = await demoContext(db);
    const created = await createApiToken(db, user, 'Tableau de bord');
    if (!created.ok) throw new Error(created.error.code);
    const { token, id } = created.value;
    const row = await db.selectFrom('api_token').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(hashToken(token));
    expect(Object.values(row)).not.toContain(token);
    const listed = await listApiTokens(db, user);
    expect(listed.find((t) => t.id === id)).toEqual({
      id,
      name: 'Tableau de bord',
      createdAt: row.created_at,
      lastUsedAt: null,
      revokedAt: null,
    });
    expect(JSON.stringify(listed)).not.toContain(token);
  });

  test('a token acts as its user, with their role and institution', async () => {
    const { db } = get();
    const viewer = await userByEmail(db, DEMO_VIEWER);
    const created = await createApiToken(db, viewer, 'script');
    if (!created.ok) throw new Error(created.error.code);
    const user = await authenticateApiToken(db, created.value.token);
    expect(user).toMatchObject({ id: viewer.id, role: 'viewer', institutionId: viewer.institutionId });
    expect(await authenticateApiToken(db, generateToken())).toBeNull();
    expect(await authenticateApiToken(db, 'not-a-token')).toBeNull();
    expect(await authenticateApiToken(db, null)).toBeNull();
  });

  test('a revoked token stops working; a user cannot revoke somebody else’s token', async () => {
    const { db } = get();
    const { user: admin } = await demoContext(db);
    const viewer = await userByEmail(db, DEMO_VIEWER);
    const created = await createApiToken(db, viewer, 'to revoke');
    if (!created.ok) throw new Error(created.error.code);
    expect(await revokeApiToken(db, admin, created.value.id)).toEqual({
      ok: false,
      error: { code: 'api.token.notFound' },
    });
    expect(await authenticateApiToken(db, created.value.token)).not.toBeNull();
    expect(await revokeApiToken(db, viewer, created.value.id)).toEqual({ ok: true, value: { id: created.value.id } });
    expect(await authenticateApiToken(db, created.value.token)).toBeNull();
    expect(await revokeApiToken(db, viewer, created.value.id)).toMatchObject({ ok: false });
    const listed = await listApiTokens(db, viewer);
    expect(listed.find((t) => t.id === created.value.id)?.revokedAt).toMatch(/^\d{4}-/);
  });

  test('creation and revocation are in the history', async () => {
    const { db } = get();
    const { user } = await demoContext(db);
    const created = await createApiToken(db, user, 'audited');
    if (!created.ok) throw new Error(created.error.code);
    await revokeApiToken(db, user, created.value.id);
    const history = await listAuditForEntity(db, 'api_token', created.value.id);
    expect(history.map((h) => [h.operation, h.field, h.after === null ? null : h.after.slice(0, 7)]).sort()).toEqual(
      [
        ['create', 'name', 'audited'],
        ['update', 'revoked_at', expect.stringMatching(/^\d{4}-\d\d/)],
      ].sort(),
    );
    expect(history.every((h) => h.actorLabel === user.displayName)).toBe(true);
  });

  test('the last use is written at most once a minute', async () => {
    const { db } = get();
    const { user } = await demoContext(db);
    const created = await createApiToken(db, user, 'last use');
    if (!created.ok) throw new Error(created.error.code);
    const lastUsed = async () =>
      (await db.selectFrom('api_token').select('last_used_at').where('id', '=', created.value.id).executeTakeFirst())
        ?.last_used_at;
    const t0 = new Date('2026-03-01T10:00:00.000Z');
    await authenticateApiToken(db, created.value.token, t0);
    expect(await lastUsed()).toBe(t0.toISOString());
    await authenticateApiToken(db, created.value.token, new Date(t0.getTime() + 30_000));
    expect(await lastUsed()).toBe(t0.toISOString());
    const t2 = new Date(t0.getTime() + 61_000);
    await authenticateApiToken(db, created.value.token, t2);
    expect(await lastUsed()).toBe(t2.toISOString());
  });

  test('a disabled account’s tokens stop working', async () => {
    const { db } = get();
    const viewer = await userByEmail(db, DEMO_VIEWER);
    const created = await createApiToken(db, viewer, 'disabled');
    if (!created.ok) throw new Error(created.error.code);
    await db.updateTable('app_user').set({ disabled: 1 }).where('id', '=', viewer.id).execute();
    expect(await authenticateApiToken(db, created.value.token)).toBeNull();
    await db.updateTable('app_user').set({ disabled: 0 }).where('id', '=', viewer.id).execute();
  });

  test(`a user holds at most ${MAX_ACTIVE_TOKENS} active tokens`, async () => {
    const { db } = get();
    const { user } = await demoContext(db);
    const active = (await listApiTokens(db, user)).filter((t) => !t.revokedAt).length;
    for (let i = active; i < MAX_ACTIVE_TOKENS; i++) await createApiToken(db, user, `bulk ${i}`);
    expect(await createApiToken(db, user, 'one too many')).toEqual({ ok: false, error: { code: 'api.token.tooMany' } });
  });
});
