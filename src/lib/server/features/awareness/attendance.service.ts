import type { Kysely } from 'kysely';
import { newId, nowIso } from '../../db/ids';
import type { DB } from '../../db/schema';
import { recordAudit } from '../audit';
import type { SessionUser } from '../auth';
import {
  type AnonymousCountInput,
  anonymousCountSchema,
  identityKeyOf,
  type ParticipantInput,
  participantInputSchema,
  STUDY_POPULATIONS,
} from './awareness';
import {
  deleteParticipantRow,
  findParticipant,
  findPerson,
  insertParticipants,
  listAnonymousCounts,
  listIdentityKeys,
  replaceAnonymousCounts,
} from './awareness.queries';
import { findEditableSession, mergeCounts } from './sessions.service';

export type AttendanceErrorCode =
  | 'awareness.error.notFound'
  | 'awareness.participant.error.person'
  | 'awareness.participant.error.name'
  | 'awareness.participant.error.email'
  | 'awareness.participant.error.population'
  | 'awareness.participant.error.programme'
  | 'awareness.participant.error.studyYear'
  | 'awareness.participant.error.duplicate'
  | 'awareness.anonymous.error.count';

const FIELD_CODES: Record<string, AttendanceErrorCode> = {
  personId: 'awareness.participant.error.person',
  name: 'awareness.participant.error.name',
  email: 'awareness.participant.error.email',
  population: 'awareness.participant.error.population',
  programme: 'awareness.participant.error.programme',
  studyYear: 'awareness.participant.error.studyYear',
};

/** A participant ready to store: who they are and the key that counts them once. */
export interface ParticipantRecord {
  personId: string | null;
  identityKey: string;
  displayName: string;
  email: string | null;
  population: string;
  programme: string;
  studyYear: number | null;
}

/** Parses a participant; a person of the institution brings their name and email. Pure but for the person lookup. */
export async function participantRecordOf(
  db: Kysely<DB>,
  institutionId: string,
  input: ParticipantInput,
): Promise<{ ok: true; value: ParticipantRecord } | { ok: false; error: { code: AttendanceErrorCode } }> {
  const parsed = participantInputSchema.safeParse(input);
  if (!parsed.success) {
    const field = String(parsed.error.issues[0]?.path[0] ?? 'name');
    return { ok: false, error: { code: FIELD_CODES[field] ?? 'awareness.participant.error.name' } };
  }
  const p = parsed.data;
  const study = STUDY_POPULATIONS.includes(p.population);
  let name = p.name ?? '';
  let email = p.email ?? null;
  if (p.personId) {
    const person = await findPerson(db, institutionId, p.personId);
    if (!person) return { ok: false, error: { code: 'awareness.participant.error.person' } };
    name = person.display_name;
    email = person.email ?? email;
  }
  return {
    ok: true,
    value: {
      personId: p.personId ?? null,
      identityKey: identityKeyOf({ personId: p.personId, email, name, population: p.population }),
      displayName: name,
      email,
      population: p.population,
      programme: study ? (p.programme ?? '') : '',
      studyYear: study ? (p.studyYear ?? null) : null,
    },
  };
}

/** Writes participants of a session (the caller checked the rights) and one audit event per participant. */
export async function storeParticipants(
  trx: Kysely<DB>,
  user: SessionUser,
  sessionId: string,
  records: readonly ParticipantRecord[],
  operation: 'create' | 'import',
): Promise<void> {
  const at = nowIso();
  const rows = records.map((r) => ({
    id: newId(),
    session_id: sessionId,
    person_id: r.personId,
    identity_key: r.identityKey,
    display_name: r.displayName,
    email: r.email,
    population: r.population,
    programme: r.programme,
    study_year: r.studyYear,
    recorded_by: user.id,
    created_at: at,
  }));
  await insertParticipants(trx, rows);
  for (const row of rows) {
    await recordAudit(trx, {
      institutionId: user.institutionId,
      actor: { userId: user.id, label: user.displayName },
      entityType: 'awareness_participant',
      entityId: row.id,
      operation,
      changes: [
        { field: 'session_id', before: null, after: sessionId },
        { field: 'population', before: null, after: row.population },
      ],
    });
  }
}

/** Checks one participant in (the session's recorder or the officer); the same person twice is refused. */
export async function checkInParticipant(
  db: Kysely<DB>,
  user: SessionUser,
  sessionId: string,
  input: ParticipantInput,
): Promise<{ ok: true; value: { id: string } } | { ok: false; error: { code: AttendanceErrorCode } }> {
  const session = await findEditableSession(db, user, sessionId);
  if (!session) return { ok: false, error: { code: 'awareness.error.notFound' } };
  const record = await participantRecordOf(db, user.institutionId, input);
  if (!record.ok) return record;
  return db.transaction().execute(async (trx) => {
    if ((await listIdentityKeys(trx, sessionId)).has(record.value.identityKey)) {
      return { ok: false, error: { code: 'awareness.participant.error.duplicate' } } as const;
    }
    await storeParticipants(trx, user, sessionId, [record.value], 'create');
    const row = await trx
      .selectFrom('awareness_participant')
      .select('id')
      .where('session_id', '=', sessionId)
      .where('identity_key', '=', record.value.identityKey)
      .executeTakeFirstOrThrow();
    return { ok: true, value: { id: row.id } } as const;
  });
}

/** Removes a participant from a session (its recorder or the officer). */
export async function removeParticipant(
  db: Kysely<DB>,
  user: SessionUser,
  sessionId: string,
  participantId: string,
): Promise<{ ok: true } | { ok: false; error: { code: 'awareness.error.notFound' } }> {
  const session = await findEditableSession(db, user, sessionId);
  if (!session) return { ok: false, error: { code: 'awareness.error.notFound' } };
  return db.transaction().execute(async (trx) => {
    const row = await findParticipant(trx, sessionId, participantId);
    if (!row) return { ok: false, error: { code: 'awareness.error.notFound' } } as const;
    await deleteParticipantRow(trx, participantId);
    await recordAudit(trx, {
      institutionId: user.institutionId,
      actor: { userId: user.id, label: user.displayName },
      entityType: 'awareness_participant',
      entityId: participantId,
      operation: 'delete',
      changes: [
        { field: 'session_id', before: sessionId, after: null },
        { field: 'population', before: row.population, after: null },
      ],
    });
    return { ok: true } as const;
  });
}

/** Replaces a session's anonymous counts (a count of 0 removes it); each changed count is audited. */
export async function setAnonymousCounts(
  db: Kysely<DB>,
  user: SessionUser,
  sessionId: string,
  counts: readonly AnonymousCountInput[],
): Promise<
  { ok: true } | { ok: false; error: { code: 'awareness.error.notFound' | 'awareness.anonymous.error.count' } }
> {
  const session = await findEditableSession(db, user, sessionId);
  if (!session) return { ok: false, error: { code: 'awareness.error.notFound' } };
  const parsed = [];
  for (const raw of counts) {
    const c = anonymousCountSchema.safeParse(raw);
    if (!c.success) return { ok: false, error: { code: 'awareness.anonymous.error.count' } };
    parsed.push({ ...c.data, programme: STUDY_POPULATIONS.includes(c.data.population) ? c.data.programme : '' });
  }
  const merged = mergeCounts(parsed);
  await db.transaction().execute(async (trx) => {
    const before = new Map(
      (await listAnonymousCounts(trx, sessionId)).map((c) => [`${c.population}:${c.programme}`, c.participants]),
    );
    await replaceAnonymousCounts(
      trx,
      sessionId,
      merged.map((c) => ({ session_id: sessionId, ...c })),
    );
    const after = new Map(merged.map((c) => [`${c.population}:${c.programme}`, c.participants]));
    const changes = [...new Set([...before.keys(), ...after.keys()])]
      .filter((k) => before.get(k) !== after.get(k))
      .map((k) => ({
        field: `anonymous:${k}`,
        before: before.has(k) ? String(before.get(k)) : null,
        after: after.has(k) ? String(after.get(k)) : null,
      }));
    if (changes.length > 0) {
      await recordAudit(trx, {
        institutionId: user.institutionId,
        actor: { userId: user.id, label: user.displayName },
        entityType: 'awareness_session',
        entityId: sessionId,
        operation: 'update',
        changes,
      });
    }
  });
  return { ok: true };
}

/** Sets the count of one population (and programme) of a session, keeping the others; 0 removes it. */
export async function setAnonymousCount(
  db: Kysely<DB>,
  user: SessionUser,
  sessionId: string,
  input: AnonymousCountInput,
): Promise<
  { ok: true } | { ok: false; error: { code: 'awareness.error.notFound' | 'awareness.anonymous.error.count' } }
> {
  const parsed = anonymousCountSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: { code: 'awareness.anonymous.error.count' } };
  const c = parsed.data;
  const programme = STUDY_POPULATIONS.includes(c.population) ? c.programme : '';
  const current = await listAnonymousCounts(db, sessionId);
  const others = current
    .filter((x) => !(x.population === c.population && x.programme === programme))
    .map((x) => ({ population: x.population, programme: x.programme, participants: x.participants }));
  return setAnonymousCounts(db, user, sessionId, [
    ...(others as AnonymousCountInput[]),
    { population: c.population, programme, participants: c.participants },
  ]);
}
