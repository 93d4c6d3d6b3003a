import type { Kysely } from 'kysely';
import { newId, nowIso } from '../../db/ids';
import type { DB } from '../../db/schema';
import { type AuditChange, recordAudit } from '../audit';
import type { SessionUser } from '../auth';
import {
  type AnonymousCountInput,
  academicYearOf,
  anonymousCountSchema,
  canEditSession,
  canRecordSessions,
  FACILITATOR_SKILL,
  isCatalogueType,
  type SessionInput,
  sessionInputSchema,
} from './awareness';
import {
  deleteSessionRow,
  findSession,
  hasSkill,
  insertSession,
  listCustomTypes,
  replaceAnonymousCounts,
  replaceFacilitators,
  type SessionRow,
  updateSessionRow,
} from './awareness.queries';

export type SessionErrorCode =
  | 'awareness.error.forbidden'
  | 'awareness.error.notFound'
  | 'awareness.session.error.type'
  | 'awareness.session.error.title'
  | 'awareness.session.error.startDate'
  | 'awareness.session.error.endDate'
  | 'awareness.session.error.place'
  | 'awareness.session.error.audience'
  | 'awareness.session.error.facilitators'
  | 'awareness.session.error.unnamedFacilitators'
  | 'awareness.anonymous.error.count';

type Result<T, C extends string = SessionErrorCode> = { ok: true; value: T } | { ok: false; error: { code: C } };

const FIELD_CODES: Record<string, SessionErrorCode> = {
  typeKey: 'awareness.session.error.type',
  title: 'awareness.session.error.title',
  startDate: 'awareness.session.error.startDate',
  endDate: 'awareness.session.error.endDate',
  online: 'awareness.session.error.place',
  place: 'awareness.session.error.place',
  audienceNote: 'awareness.session.error.audience',
  facilitatorIds: 'awareness.session.error.facilitators',
  unnamedFacilitators: 'awareness.session.error.unnamedFacilitators',
};

const actorOf = (user: SessionUser) => ({ userId: user.id, label: user.displayName });

async function isKnownType(db: Kysely<DB>, institutionId: string, key: string): Promise<boolean> {
  if (isCatalogueType(key)) return true;
  return (await listCustomTypes(db, institutionId)).some((t) => t.key === key);
}

/** Parses a session and checks its type and facilitators belong to the institution. */
async function checkSession(db: Kysely<DB>, user: SessionUser, input: SessionInput) {
  const parsed = sessionInputSchema.safeParse(input);
  if (!parsed.success) {
    const field = String(parsed.error.issues[0]?.path[0] ?? 'title');
    return { ok: false, error: { code: FIELD_CODES[field] ?? 'awareness.session.error.title' } } as const;
  }
  const s = parsed.data;
  if (!(await isKnownType(db, user.institutionId, s.typeKey))) {
    return { ok: false, error: { code: 'awareness.session.error.type' } } as const;
  }
  const facilitatorIds = [...new Set(s.facilitatorIds)];
  for (const personId of facilitatorIds) {
    const person = await db
      .selectFrom('person')
      .select('id')
      .where('id', '=', personId)
      .where('institution_id', '=', user.institutionId)
      .executeTakeFirst();
    if (!person || !(await hasSkill(db, personId, FACILITATOR_SKILL))) {
      return { ok: false, error: { code: 'awareness.session.error.facilitators' } } as const;
    }
  }
  return { ok: true, value: { ...s, facilitatorIds } } as const;
}

function auditFields(s: {
  typeKey: string;
  title: string;
  startDate: string;
  endDate?: string;
  online: boolean;
  place?: string;
  unnamedFacilitators: number;
  facilitatorIds: string[];
}): Record<string, string | null> {
  return {
    type_key: s.typeKey,
    title: s.title,
    start_date: s.startDate,
    end_date: s.endDate ?? null,
    online: s.online ? '1' : '0',
    place: s.place ?? null,
    unnamed_facilitators: String(s.unnamedFacilitators),
    facilitators: s.facilitatorIds.join(',') || null,
  };
}

function rowFields(row: SessionRow, facilitatorIds: string[]): Record<string, string | null> {
  return {
    type_key: row.type_key,
    title: row.title,
    start_date: row.start_date,
    end_date: row.end_date,
    online: String(row.online),
    place: row.place,
    unnamed_facilitators: String(row.unnamed_facilitators),
    facilitators: facilitatorIds.join(',') || null,
  };
}

/**
 * Records a session (officer, pilots, contributors), with its named
 * facilitators and, for a big event, its anonymous counts per population in
 * the same transaction: the "rentrée climat" form is one submit.
 */
export async function recordSession(
  db: Kysely<DB>,
  user: SessionUser,
  input: SessionInput,
  anonymous: readonly AnonymousCountInput[] = [],
): Promise<Result<{ id: string }>> {
  if (!canRecordSessions(user)) return { ok: false, error: { code: 'awareness.error.forbidden' } };
  const checked = await checkSession(db, user, input);
  if (!checked.ok) return checked;
  const counts: { population: string; programme: string; participants: number }[] = [];
  for (const raw of anonymous) {
    const c = anonymousCountSchema.safeParse(raw);
    if (!c.success) return { ok: false, error: { code: 'awareness.anonymous.error.count' } };
    counts.push(c.data);
  }
  const s = checked.value;
  const id = newId();
  const at = nowIso();
  await db.transaction().execute(async (trx) => {
    await insertSession(trx, {
      id,
      institution_id: user.institutionId,
      type_key: s.typeKey,
      title: s.title,
      start_date: s.startDate,
      end_date: s.endDate ?? null,
      academic_year: academicYearOf(s.startDate),
      online: s.online ? 1 : 0,
      place: s.place ?? null,
      audience_note: s.audienceNote ?? null,
      unnamed_facilitators: s.unnamedFacilitators,
      recorded_by: user.id,
      created_at: at,
      updated_at: at,
    });
    await replaceFacilitators(trx, id, s.facilitatorIds);
    await replaceAnonymousCounts(
      trx,
      id,
      mergeCounts(counts).map((c) => ({ session_id: id, ...c })),
    );
    const changes: AuditChange[] = Object.entries(auditFields(s)).map(([field, after]) => ({
      field,
      before: null,
      after,
    }));
    for (const c of mergeCounts(counts)) {
      changes.push({ field: `anonymous:${c.population}:${c.programme}`, before: null, after: String(c.participants) });
    }
    await recordAudit(trx, {
      institutionId: user.institutionId,
      actor: actorOf(user),
      entityType: 'awareness_session',
      entityId: id,
      operation: 'create',
      changes,
    });
  });
  return { ok: true, value: { id } };
}

/** Same population and programme typed twice: one row with the sum (programmes compared as typed, trimmed). */
export function mergeCounts(
  counts: readonly { population: string; programme: string; participants: number }[],
): { population: string; programme: string; participants: number }[] {
  const merged = new Map<string, { population: string; programme: string; participants: number }>();
  for (const c of counts) {
    if (c.participants === 0) continue;
    const key = `${c.population}\u0000${c.programme}`;
    const prev = merged.get(key);
    if (prev) prev.participants += c.participants;
    else merged.set(key, { ...c });
  }
  return [...merged.values()];
}

/** The session if the user may edit it; undefined otherwise (missing and not allowed look the same). */
export async function findEditableSession(
  db: Kysely<DB>,
  user: SessionUser,
  id: string,
): Promise<SessionRow | undefined> {
  const row = await findSession(db, user.institutionId, id);
  return row && canEditSession(user, { recordedBy: row.recorded_by }) ? row : undefined;
}

async function facilitatorIdsOf(db: Kysely<DB>, sessionId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('awareness_session_facilitator')
    .select('person_id')
    .where('session_id', '=', sessionId)
    .orderBy('person_id')
    .execute();
  return rows.map((r) => r.person_id);
}

/** Edits a session (its recorder or the officer); the audit event holds each changed field. */
export async function updateSession(
  db: Kysely<DB>,
  user: SessionUser,
  id: string,
  input: SessionInput,
): Promise<Result<{ id: string }>> {
  const row = await findEditableSession(db, user, id);
  if (!row) return { ok: false, error: { code: 'awareness.error.notFound' } };
  const checked = await checkSession(db, user, input);
  if (!checked.ok) return checked;
  const s = checked.value;
  await db.transaction().execute(async (trx) => {
    const before = rowFields(row, await facilitatorIdsOf(trx, id));
    await updateSessionRow(trx, id, {
      type_key: s.typeKey,
      title: s.title,
      start_date: s.startDate,
      end_date: s.endDate ?? null,
      academic_year: academicYearOf(s.startDate),
      online: s.online ? 1 : 0,
      place: s.place ?? null,
      audience_note: s.audienceNote ?? null,
      unnamed_facilitators: s.unnamedFacilitators,
      updated_at: nowIso(),
    });
    await replaceFacilitators(trx, id, s.facilitatorIds);
    const after = auditFields({ ...s, facilitatorIds: [...s.facilitatorIds].sort() });
    const changes = Object.entries(after)
      .filter(([field, value]) => before[field] !== value)
      .map(([field, value]) => ({ field, before: before[field] ?? null, after: value }));
    await recordAudit(trx, {
      institutionId: user.institutionId,
      actor: actorOf(user),
      entityType: 'awareness_session',
      entityId: id,
      operation: 'update',
      changes,
    });
  });
  return { ok: true, value: { id } };
}

/** Deletes a session with its attendance (its recorder or the officer); the audit event keeps what it was. */
export async function deleteSession(
  db: Kysely<DB>,
  user: SessionUser,
  id: string,
): Promise<{ ok: true } | { ok: false; error: { code: 'awareness.error.notFound' } }> {
  const row = await findEditableSession(db, user, id);
  if (!row) return { ok: false, error: { code: 'awareness.error.notFound' } };
  await db.transaction().execute(async (trx) => {
    const before = rowFields(row, await facilitatorIdsOf(trx, id));
    await deleteSessionRow(trx, id);
    await recordAudit(trx, {
      institutionId: user.institutionId,
      actor: actorOf(user),
      entityType: 'awareness_session',
      entityId: id,
      operation: 'delete',
      changes: Object.entries(before).map(([field, value]) => ({ field, before: value, after: null })),
    });
  });
  return { ok: true };
}
