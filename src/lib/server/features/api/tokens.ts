/**
 * Personal API tokens. The token is shown once at creation; only its SHA-256
 * is stored, so a copy of the database yields no usable token. A token acts
 * as its user, with the user's current role and institution: disabling the
 * account or changing the role applies to the API at once.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { newId, nowIso } from '../../db/ids';
import type { DB } from '../../db/schema';
import { recordAudit } from '../audit';
import { findSessionUserById, type SessionUser } from '../auth';

export const TOKEN_PREFIX = 'trj_';
/** 32 random bytes in base64url are 43 characters. */
const TOKEN_SHAPE = /^trj_[A-Za-z0-9_-]{43}$/;
/** Enough for every script a person runs; a bound keeps a leaked session from minting tokens without limit. */
export const MAX_ACTIVE_TOKENS = 20;
/** last_used_at is written at most this often, so reading the API does not turn every request into a write. */
export const LAST_USED_RESOLUTION_MS = 60_000;

export type Result<T, C extends string> = { ok: true; value: T } | { ok: false; error: { code: C } };

export const tokenNameSchema = z.string().trim().min(1, 'api.token.nameRequired').max(100, 'api.token.nameTooLong');

export function generateToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function isTokenShaped(text: string): boolean {
  return TOKEN_SHAPE.test(text);
}

/** The token of an `Authorization: Bearer <token>` header, or null when the header is absent or of another scheme. */
export function bearerTokenOf(header: string | null): string | null {
  const m = /^Bearer[ ]+(\S+)\s*$/i.exec(header ?? '');
  return m ? m[1] : null;
}

export interface ApiTokenView {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export async function listApiTokens(db: Kysely<DB>, user: SessionUser): Promise<ApiTokenView[]> {
  const rows = await db
    .selectFrom('api_token')
    .select(['id', 'name', 'created_at', 'last_used_at', 'revoked_at'])
    .where('user_id', '=', user.id)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
  }));
}

/** Creates a token for the user; the returned `token` is the only copy there will ever be. */
export async function createApiToken(
  db: Kysely<DB>,
  user: SessionUser,
  name: string,
): Promise<Result<{ id: string; name: string; token: string }, 'api.token.tooMany'>> {
  const token = generateToken();
  const id = newId();
  return db.transaction().execute(async (trx) => {
    const active = await trx
      .selectFrom('api_token')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', user.id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (Number(active?.n ?? 0) >= MAX_ACTIVE_TOKENS)
      return { ok: false, error: { code: 'api.token.tooMany' } } as const;
    await trx
      .insertInto('api_token')
      .values({
        id,
        user_id: user.id,
        name,
        token_hash: hashToken(token),
        created_at: nowIso(),
        last_used_at: null,
        revoked_at: null,
      })
      .execute();
    await recordAudit(trx, {
      institutionId: user.institutionId,
      actor: { userId: user.id, label: user.displayName },
      entityType: 'api_token',
      entityId: id,
      operation: 'create',
      changes: [{ field: 'name', before: null, after: name }],
    });
    return { ok: true, value: { id, name, token } } as const;
  });
}

/** Revokes one of the user's own active tokens; another user's token is "not found". */
export async function revokeApiToken(
  db: Kysely<DB>,
  user: SessionUser,
  tokenId: string,
): Promise<Result<{ id: string }, 'api.token.notFound'>> {
  return db.transaction().execute(async (trx) => {
    const at = nowIso();
    const updated = await trx
      .updateTable('api_token')
      .set({ revoked_at: at })
      .where('id', '=', tokenId)
      .where('user_id', '=', user.id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return { ok: false, error: { code: 'api.token.notFound' } } as const;
    await recordAudit(trx, {
      institutionId: user.institutionId,
      actor: { userId: user.id, label: user.displayName },
      entityType: 'api_token',
      entityId: tokenId,
      operation: 'update',
      changes: [{ field: 'revoked_at', before: null, after: at }],
    });
    return { ok: true, value: { id: tokenId } } as const;
  });
}

/**
 * The user a bearer token acts for, or null when the token is malformed,
 * unknown, revoked, or its account disabled. Records the use at most once per
 * LAST_USED_RESOLUTION_MS with a conditional update (one write a minute per
 * token at most, safe across server processes).
 */
export async function authenticateApiToken(
  db: Kysely<DB>,
  token: string | null,
  now: Date = new Date(),
): Promise<SessionUser | null> {
  if (!token || !isTokenShaped(token)) return null;
  const row = await db
    .selectFrom('api_token')
    .select(['id', 'user_id', 'last_used_at'])
    .where('token_hash', '=', hashToken(token))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  const user = await findSessionUserById(db, row.user_id);
  if (!user) return null;
  const staleBefore = new Date(now.getTime() - LAST_USED_RESOLUTION_MS).toISOString();
  if (!row.last_used_at || row.last_used_at < staleBefore) {
    await db
      .updateTable('api_token')
      .set({ last_used_at: now.toISOString() })
      .where('id', '=', row.id)
      .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', staleBefore)]))
      .execute();
  }
  return user;
}
