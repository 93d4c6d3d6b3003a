import type { Kysely } from 'kysely';
import { newId, nowIso } from '../../db/ids';
import type { DB } from '../../db/schema';

export interface Actor {
  userId: string | null;
  /** Name shown in history: the user's display name, or "cli", "demo", "import". */
  label: string;
}

export interface AuditChange {
  field: string;
  before: string | null;
  after: string | null;
}

export interface AuditEntry {
  id: string;
  at: string;
  actorLabel: string;
  operation: string;
  field: string | null;
  before: string | null;
  after: string | null;
}

/** Lists the fields that differ between two snapshots, as text (what the history shows). */
export function diffFields<T extends Record<string, unknown>>(before: T, after: Partial<T>): AuditChange[] {
  const changes: AuditChange[] = [];
  for (const key of Object.keys(after)) {
    const a = before[key];
    const b = after[key];
    const norm = (v: unknown) => (v === null || v === undefined || v === '' ? null : String(v));
    if (norm(a) !== norm(b)) changes.push({ field: key, before: norm(a), after: norm(b) });
  }
  return changes;
}

/** Writes history rows inside the caller's transaction: the change and its trace land together or not at all. */
export async function recordAudit(
  trx: Kysely<DB>,
  input: {
    institutionId: string;
    actor: Actor;
    entityType: string;
    entityId: string;
    operation: 'create' | 'update' | 'delete' | 'import';
    changes?: AuditChange[];
  },
): Promise<void> {
  const at = nowIso();
  const changes = input.changes?.length ? input.changes : [{ field: null, before: null, after: null }];
  await trx
    .insertInto('audit_event')
    .values(
      changes.map((c) => ({
        id: newId(),
        institution_id: input.institutionId,
        actor_user_id: input.actor.userId,
        actor_label: input.actor.label,
        at,
        entity_type: input.entityType,
        entity_id: input.entityId,
        operation: input.operation,
        field: c.field,
        before_value: c.before,
        after_value: c.after,
      })),
    )
    .execute();
}

export async function listAuditForEntity(db: Kysely<DB>, entityType: string, entityId: string): Promise<AuditEntry[]> {
  const rows = await db
    .selectFrom('audit_event')
    .select(['id', 'at', 'actor_label', 'operation', 'field', 'before_value', 'after_value'])
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', entityId)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actorLabel: r.actor_label,
    operation: r.operation,
    field: r.field,
    before: r.before_value,
    after: r.after_value,
  }));
}
