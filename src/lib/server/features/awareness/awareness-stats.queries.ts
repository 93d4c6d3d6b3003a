import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';

/** Sessions of a period: started between `start` and `end` (both included), optionally of some types only. */
export interface SessionScope {
  start?: string;
  end?: string;
  academicYear?: string;
  typeKeys?: readonly string[];
}

function scoped<QB extends { where: (...args: any[]) => QB }>(query: QB, scope: SessionScope): QB {
  let q = query;
  if (scope.start) q = q.where('awareness_session.start_date', '>=', scope.start);
  if (scope.end) q = q.where('awareness_session.start_date', '<=', scope.end);
  if (scope.academicYear) q = q.where('awareness_session.academic_year', '=', scope.academicYear);
  if (scope.typeKeys && scope.typeKeys.length > 0) q = q.where('awareness_session.type_key', 'in', [...scope.typeKeys]);
  return q;
}

/** One row per named participation in the scope (the identity, not the name). */
export function listAttendances(db: Kysely<DB>, institutionId: string, scope: SessionScope = {}) {
  const query = db
    .selectFrom('awareness_participant')
    .innerJoin('awareness_session', 'awareness_session.id', 'awareness_participant.session_id')
    .select([
      'awareness_participant.identity_key',
      'awareness_participant.population',
      'awareness_participant.programme',
      'awareness_session.academic_year',
    ])
    .where('awareness_session.institution_id', '=', institutionId);
  return scoped(query, scope).execute();
}

/** Anonymous counts in the scope, summed per academic year, population and programme. */
export async function listAnonymousAttendances(db: Kysely<DB>, institutionId: string, scope: SessionScope = {}) {
  const query = db
    .selectFrom('awareness_anonymous_count')
    .innerJoin('awareness_session', 'awareness_session.id', 'awareness_anonymous_count.session_id')
    .select((eb) => [
      'awareness_session.academic_year',
      'awareness_anonymous_count.population',
      'awareness_anonymous_count.programme',
      eb.fn.sum<number | string>('awareness_anonymous_count.participants').as('participants'),
    ])
    .where('awareness_session.institution_id', '=', institutionId)
    .groupBy([
      'awareness_session.academic_year',
      'awareness_anonymous_count.population',
      'awareness_anonymous_count.programme',
    ]);
  const rows = await scoped(query, scope).execute();
  return rows.map((r) => ({ ...r, participants: Number(r.participants) }));
}

/** Sessions in the scope, their named participations and anonymous participations. */
export async function countScope(
  db: Kysely<DB>,
  institutionId: string,
  scope: SessionScope,
): Promise<{ sessions: number; named: number; anonymous: number }> {
  const sessions = await scoped(
    db
      .selectFrom('awareness_session')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('awareness_session.institution_id', '=', institutionId),
    scope,
  ).executeTakeFirstOrThrow();
  const named = await scoped(
    db
      .selectFrom('awareness_participant')
      .innerJoin('awareness_session', 'awareness_session.id', 'awareness_participant.session_id')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('awareness_session.institution_id', '=', institutionId),
    scope,
  ).executeTakeFirstOrThrow();
  const anonymous = await scoped(
    db
      .selectFrom('awareness_anonymous_count')
      .innerJoin('awareness_session', 'awareness_session.id', 'awareness_anonymous_count.session_id')
      .select((eb) => eb.fn.sum<number | string | null>('awareness_anonymous_count.participants').as('n'))
      .where('awareness_session.institution_id', '=', institutionId),
    scope,
  ).executeTakeFirstOrThrow();
  // PostgreSQL returns counts as bigint text; a sum over no rows is null.
  return { sessions: Number(sessions.n), named: Number(named.n), anonymous: Number(anonymous.n ?? 0) };
}

// ---------------------------------------------------------------- headcounts

export function listHeadcountRows(db: Kysely<DB>, institutionId: string, academicYear?: string) {
  let query = db.selectFrom('awareness_headcount').selectAll().where('institution_id', '=', institutionId);
  if (academicYear) query = query.where('academic_year', '=', academicYear);
  return query.orderBy('academic_year', 'desc').orderBy('population').orderBy('programme').execute();
}

export function findHeadcount(
  db: Kysely<DB>,
  institutionId: string,
  key: { academicYear: string; population: string; programme: string },
) {
  return db
    .selectFrom('awareness_headcount')
    .selectAll()
    .where('institution_id', '=', institutionId)
    .where('academic_year', '=', key.academicYear)
    .where('population', '=', key.population)
    .where('programme', '=', key.programme)
    .executeTakeFirst();
}

export async function deleteHeadcountRow(
  db: Kysely<DB>,
  institutionId: string,
  key: { academicYear: string; population: string; programme: string },
): Promise<void> {
  await db
    .deleteFrom('awareness_headcount')
    .where('institution_id', '=', institutionId)
    .where('academic_year', '=', key.academicYear)
    .where('population', '=', key.population)
    .where('programme', '=', key.programme)
    .execute();
}

export async function upsertHeadcountRow(
  db: Kysely<DB>,
  row: {
    institution_id: string;
    academic_year: string;
    population: string;
    programme: string;
    headcount: number;
    updated_by: string | null;
    updated_at: string;
  },
): Promise<void> {
  await db
    .insertInto('awareness_headcount')
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(['institution_id', 'academic_year', 'population', 'programme'])
        .doUpdateSet({ headcount: row.headcount, updated_by: row.updated_by, updated_at: row.updated_at }),
    )
    .execute();
}
