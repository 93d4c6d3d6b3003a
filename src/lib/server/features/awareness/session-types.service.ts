import type { Kysely } from 'kysely';
import { newId, nowIso } from '../../db/ids';
import type { DB } from '../../db/schema';
import { recordAudit } from '../audit';
import type { SessionUser } from '../auth';
import { canManageAwareness, customTypeKeyOf, MAX_NAME_LENGTH } from './awareness';
import { insertCustomType, listCustomTypes } from './awareness.queries';

type Result<T, C extends string> = { ok: true; value: T } | { ok: false; error: { code: C } };
const actorOf = (user: SessionUser) => ({ userId: user.id, label: user.displayName });

/** Adds one of the institution's own session types (the officer). */
export async function addCustomType(
  db: Kysely<DB>,
  user: SessionUser,
  name: string,
): Promise<
  Result<{ key: string }, 'awareness.error.forbidden' | 'awareness.type.error.name' | 'awareness.type.error.duplicate'>
> {
  if (!canManageAwareness(user)) return { ok: false, error: { code: 'awareness.error.forbidden' } };
  const text = name.trim();
  const key = customTypeKeyOf(text);
  if (text.length > MAX_NAME_LENGTH || key === '') return { ok: false, error: { code: 'awareness.type.error.name' } };
  if ((await listCustomTypes(db, user.institutionId)).some((t) => t.key === key)) {
    return { ok: false, error: { code: 'awareness.type.error.duplicate' } };
  }
  const id = newId();
  await db.transaction().execute(async (trx) => {
    await insertCustomType(trx, { id, institution_id: user.institutionId, key, name: text, created_at: nowIso() });
    await recordAudit(trx, {
      institutionId: user.institutionId,
      actor: actorOf(user),
      entityType: 'awareness_session_type',
      entityId: id,
      operation: 'create',
      changes: [
        { field: 'key', before: null, after: key },
        { field: 'name', before: null, after: text },
      ],
    });
  });
  return { ok: true, value: { key } };
}
