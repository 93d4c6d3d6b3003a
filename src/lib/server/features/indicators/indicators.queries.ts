import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { listTeamIdsOfPerson, type SessionUser } from '../auth';
import type { IndicatorOwnership } from './indicators';
import { MANUAL_SOURCE } from './sources';

/** An indicator of the institution, with the plan it belongs to; undefined when it is another institution's. */
export async function findIndicatorRow(db: Kysely<DB>, institutionId: string, indicatorId: string) {
  return db
    .selectFrom('indicator')
    .innerJoin('plan', 'plan.id', 'indicator.plan_id')
    .selectAll('indicator')
    .select(['plan.title as plan_title', 'plan.end_year as plan_end_year'])
    .where('indicator.id', '=', indicatorId)
    .where('plan.institution_id', '=', institutionId)
    .executeTakeFirst();
}
export type IndicatorRow = NonNullable<Awaited<ReturnType<typeof findIndicatorRow>>>;

/** Who fills the indicator: the pilots of its action and its responsible person. */
export async function findOwnership(
  db: Kysely<DB>,
  indicator: { action_id: string | null; responsible_person_id: string | null },
): Promise<IndicatorOwnership> {
  const pilots = indicator.action_id
    ? await db
        .selectFrom('action_pilot')
        .select(['person_id', 'team_id'])
        .where('action_id', '=', indicator.action_id)
        .execute()
    : [];
  return {
    pilots: pilots.map((p) => ({ personId: p.person_id, teamId: p.team_id })),
    responsiblePersonId: indicator.responsible_person_id,
  };
}

/** Where the indicator sits in the plan, for the page's breadcrumb and definition. */
export async function findIndicatorContext(db: Kysely<DB>, indicator: IndicatorRow) {
  const [action, objective, targets, responsible] = await Promise.all([
    indicator.action_id
      ? db
          .selectFrom('action')
          .innerJoin('workstream', 'workstream.id', 'action.workstream_id')
          .select(['action.id', 'action.title', 'workstream.title as workstream_title'])
          .where('action.id', '=', indicator.action_id)
          .executeTakeFirst()
      : undefined,
    indicator.objective_id
      ? db
          .selectFrom('objective')
          .innerJoin('workstream', 'workstream.id', 'objective.workstream_id')
          .select(['objective.id', 'objective.title', 'workstream.title as workstream_title'])
          .where('objective.id', '=', indicator.objective_id)
          .executeTakeFirst()
      : undefined,
    indicator.objective_id
      ? db
          .selectFrom('target')
          .selectAll()
          .where('objective_id', '=', indicator.objective_id)
          .orderBy('position')
          .execute()
      : [],
    indicator.responsible_person_id
      ? db
          .selectFrom('person')
          .select(['id', 'display_name'])
          .where('id', '=', indicator.responsible_person_id)
          .executeTakeFirst()
      : undefined,
  ]);
  return { action, objective, targets, responsible };
}

/**
 * Ids of the indicators a person fills: those of the actions they pilot (alone
 * or through a team) and those they are responsible for.
 */
export async function listIndicatorIdsOfPerson(
  db: Kysely<DB>,
  institutionId: string,
  user: SessionUser,
): Promise<string[]> {
  if (!user.personId) return [];
  const personId = user.personId;
  const teamIds = await listTeamIdsOfPerson(db, personId);
  const rows = await db
    .selectFrom('indicator')
    .innerJoin('plan', 'plan.id', 'indicator.plan_id')
    .select('indicator.id')
    .where('plan.institution_id', '=', institutionId)
    .where((eb) =>
      eb.or([
        eb('indicator.responsible_person_id', '=', personId),
        eb(
          'indicator.action_id',
          'in',
          eb
            .selectFrom('action_pilot')
            .select('action_pilot.action_id')
            .where((p) =>
              teamIds.length
                ? p.or([p('action_pilot.person_id', '=', personId), p('action_pilot.team_id', 'in', teamIds)])
                : p('action_pilot.person_id', '=', personId),
            ),
        ),
      ]),
    )
    .execute();
  return rows.map((r) => r.id);
}

/** Every indicator of the institution with the titles of its plan and action, to recognise one named in a file. */
export async function listIndicatorNames(db: Kysely<DB>, institutionId: string) {
  return db
    .selectFrom('indicator')
    .innerJoin('plan', 'plan.id', 'indicator.plan_id')
    .leftJoin('action', 'action.id', 'indicator.action_id')
    .select(['indicator.id', 'indicator.name', 'plan.title as plan_title', 'action.title as action_title'])
    .where('plan.institution_id', '=', institutionId)
    .execute();
}
export type IndicatorName = Awaited<ReturnType<typeof listIndicatorNames>>[number];

/**
 * Indicators whose values a module computes (source other than manual), with
 * what choosing their periods needs; every institution's unless one is given.
 */
export async function listComputedIndicators(db: Kysely<DB>, institutionId?: string) {
  let query = db
    .selectFrom('indicator')
    .innerJoin('plan', 'plan.id', 'indicator.plan_id')
    .select([
      'indicator.id',
      'indicator.kind',
      'indicator.periodicity',
      'indicator.source',
      'indicator.source_key',
      'indicator.baseline_date',
      'plan.start_year',
      'plan.institution_id',
    ])
    .where('indicator.source', '!=', MANUAL_SOURCE);
  if (institutionId !== undefined) query = query.where('plan.institution_id', '=', institutionId);
  return query.orderBy('indicator.id').execute();
}
