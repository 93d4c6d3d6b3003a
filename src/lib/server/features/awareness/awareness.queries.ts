import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import { chunk } from '../../db/dialect';
import type { DB } from '../../db/schema';
import type {
  AwarenessAnonymousCountTable,
  AwarenessParticipantTable,
  AwarenessSessionTable,
  AwarenessSessionTypeTable,
} from './awareness.table';

export type SessionRow = Selectable<AwarenessSessionTable>;
export type ParticipantRow = Selectable<AwarenessParticipantTable>;

// ---------------------------------------------------------------- types

export function listCustomTypes(db: Kysely<DB>, institutionId: string) {
  return db
    .selectFrom('awareness_session_type')
    .select(['key', 'name'])
    .where('institution_id', '=', institutionId)
    .orderBy('name')
    .orderBy('key')
    .execute();
}

export async function insertCustomType(db: Kysely<DB>, row: Insertable<AwarenessSessionTypeTable>): Promise<void> {
  await db.insertInto('awareness_session_type').values(row).execute();
}

// ---------------------------------------------------------------- sessions

export async function insertSession(db: Kysely<DB>, row: Insertable<AwarenessSessionTable>): Promise<void> {
  await db.insertInto('awareness_session').values(row).execute();
}

export async function updateSessionRow(
  db: Kysely<DB>,
  id: string,
  changes: Updateable<AwarenessSessionTable>,
): Promise<void> {
  await db.updateTable('awareness_session').set(changes).where('id', '=', id).execute();
}

export async function deleteSessionRow(db: Kysely<DB>, id: string): Promise<void> {
  await db.deleteFrom('awareness_session').where('id', '=', id).execute();
}

export function findSession(db: Kysely<DB>, institutionId: string, id: string): Promise<SessionRow | undefined> {
  return db
    .selectFrom('awareness_session')
    .selectAll()
    .where('institution_id', '=', institutionId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export interface SessionFilters {
  typeKey?: string;
  academicYear?: string;
  population?: string;
}

/** The institution's sessions, newest first, narrowed by type, academic year and a population that attended. */
export function listSessionRows(db: Kysely<DB>, institutionId: string, filters: SessionFilters = {}) {
  let query = db.selectFrom('awareness_session').selectAll().where('institution_id', '=', institutionId);
  if (filters.typeKey) query = query.where('type_key', '=', filters.typeKey);
  if (filters.academicYear) query = query.where('academic_year', '=', filters.academicYear);
  const population = filters.population;
  if (population) {
    query = query.where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('awareness_participant')
            .select('awareness_participant.id')
            .whereRef('awareness_participant.session_id', '=', 'awareness_session.id')
            .where('awareness_participant.population', '=', population),
        ),
        eb.exists(
          eb
            .selectFrom('awareness_anonymous_count')
            .select('awareness_anonymous_count.session_id')
            .whereRef('awareness_anonymous_count.session_id', '=', 'awareness_session.id')
            .where('awareness_anonymous_count.population', '=', population),
        ),
      ]),
    );
  }
  return query.orderBy('start_date', 'desc').orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
}

/** Academic years that hold at least one session, newest first. */
export async function listSessionYears(db: Kysely<DB>, institutionId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('awareness_session')
    .select('academic_year')
    .distinct()
    .where('institution_id', '=', institutionId)
    .orderBy('academic_year', 'desc')
    .execute();
  return rows.map((r) => r.academic_year);
}

/** Named participants and anonymous participations of each session. */
export async function countParticipationsBySession(
  db: Kysely<DB>,
  sessionIds: readonly string[],
): Promise<Map<string, { named: number; anonymous: number }>> {
  const counts = new Map<string, { named: number; anonymous: number }>();
  const entry = (id: string) => {
    let c = counts.get(id);
    if (!c) {
      c = { named: 0, anonymous: 0 };
      counts.set(id, c);
    }
    return c;
  };
  for (const ids of chunk(sessionIds)) {
    const named = await db
      .selectFrom('awareness_participant')
      .select((eb) => ['session_id', eb.fn.countAll<number | string>().as('n')])
      .where('session_id', 'in', ids)
      .groupBy('session_id')
      .execute();
    for (const r of named) entry(r.session_id).named = Number(r.n);
    const anonymous = await db
      .selectFrom('awareness_anonymous_count')
      .select((eb) => ['session_id', eb.fn.sum<number | string>('participants').as('n')])
      .where('session_id', 'in', ids)
      .groupBy('session_id')
      .execute();
    for (const r of anonymous) entry(r.session_id).anonymous = Number(r.n);
  }
  return counts;
}

// ---------------------------------------------------------------- facilitators

export async function replaceFacilitators(db: Kysely<DB>, sessionId: string, personIds: readonly string[]) {
  await db.deleteFrom('awareness_session_facilitator').where('session_id', '=', sessionId).execute();
  if (personIds.length > 0) {
    await db
      .insertInto('awareness_session_facilitator')
      .values(personIds.map((person_id) => ({ session_id: sessionId, person_id })))
      .execute();
  }
}

/** Named facilitators of each session, by name. */
export async function listFacilitatorsBySession(
  db: Kysely<DB>,
  sessionIds: readonly string[],
): Promise<Map<string, { id: string; name: string }[]>> {
  const out = new Map<string, { id: string; name: string }[]>();
  for (const ids of chunk(sessionIds)) {
    const rows = await db
      .selectFrom('awareness_session_facilitator')
      .innerJoin('person', 'person.id', 'awareness_session_facilitator.person_id')
      .select(['awareness_session_facilitator.session_id', 'person.id', 'person.display_name'])
      .where('awareness_session_facilitator.session_id', 'in', ids)
      .orderBy('person.display_name')
      .orderBy('person.id')
      .execute();
    for (const r of rows) {
      const list = out.get(r.session_id) ?? [];
      list.push({ id: r.id, name: r.display_name });
      out.set(r.session_id, list);
    }
  }
  return out;
}

// ---------------------------------------------------------------- people and skills

export function listPeople(db: Kysely<DB>, institutionId: string) {
  return db
    .selectFrom('person')
    .select(['id', 'display_name', 'email'])
    .where('institution_id', '=', institutionId)
    .orderBy('display_name')
    .orderBy('id')
    .execute();
}

export function findPerson(db: Kysely<DB>, institutionId: string, id: string) {
  return db
    .selectFrom('person')
    .select(['id', 'display_name', 'email'])
    .where('institution_id', '=', institutionId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** People of the institution holding a skill, with the number of sessions each led. */
export async function listPeopleWithSkill(db: Kysely<DB>, institutionId: string, skill: string) {
  const rows = await db
    .selectFrom('person_skill')
    .innerJoin('person', 'person.id', 'person_skill.person_id')
    .leftJoin('awareness_session_facilitator as f', 'f.person_id', 'person.id')
    .select((eb) => ['person.id', 'person.display_name', eb.fn.count<number | string>('f.session_id').as('sessions')])
    .where('person.institution_id', '=', institutionId)
    .where('person_skill.skill', '=', skill)
    .groupBy(['person.id', 'person.display_name'])
    .orderBy('person.display_name')
    .orderBy('person.id')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.display_name, sessions: Number(r.sessions) }));
}

export async function hasSkill(db: Kysely<DB>, personId: string, skill: string): Promise<boolean> {
  const row = await db
    .selectFrom('person_skill')
    .select('person_id')
    .where('person_id', '=', personId)
    .where('skill', '=', skill)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertSkill(db: Kysely<DB>, personId: string, skill: string, at: string): Promise<void> {
  await db.insertInto('person_skill').values({ person_id: personId, skill, created_at: at }).execute();
}

export async function deleteSkill(db: Kysely<DB>, personId: string, skill: string): Promise<void> {
  await db.deleteFrom('person_skill').where('person_id', '=', personId).where('skill', '=', skill).execute();
}

// ---------------------------------------------------------------- attendance

export async function insertParticipants(
  db: Kysely<DB>,
  rows: readonly Insertable<AwarenessParticipantTable>[],
): Promise<void> {
  for (const part of chunk(rows, 100)) await db.insertInto('awareness_participant').values(part).execute();
}

export function findParticipant(db: Kysely<DB>, sessionId: string, id: string) {
  return db
    .selectFrom('awareness_participant')
    .selectAll()
    .where('session_id', '=', sessionId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function deleteParticipantRow(db: Kysely<DB>, id: string): Promise<void> {
  await db.deleteFrom('awareness_participant').where('id', '=', id).execute();
}

export function listParticipants(db: Kysely<DB>, sessionId: string) {
  return db
    .selectFrom('awareness_participant')
    .selectAll()
    .where('session_id', '=', sessionId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function listIdentityKeys(db: Kysely<DB>, sessionId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('awareness_participant')
    .select('identity_key')
    .where('session_id', '=', sessionId)
    .execute();
  return new Set(rows.map((r) => r.identity_key));
}

export function listAnonymousCounts(db: Kysely<DB>, sessionId: string) {
  return db
    .selectFrom('awareness_anonymous_count')
    .selectAll()
    .where('session_id', '=', sessionId)
    .orderBy('population')
    .orderBy('programme')
    .execute();
}

/** Writes a session's anonymous counts over the previous ones (a count of 0 removes its row). */
export async function replaceAnonymousCounts(
  db: Kysely<DB>,
  sessionId: string,
  counts: readonly Insertable<AwarenessAnonymousCountTable>[],
): Promise<void> {
  await db.deleteFrom('awareness_anonymous_count').where('session_id', '=', sessionId).execute();
  const kept = counts.filter((c) => c.participants > 0);
  if (kept.length > 0) await db.insertInto('awareness_anonymous_count').values(kept).execute();
}
