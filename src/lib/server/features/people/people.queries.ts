import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { PersonRef, UnitRef } from './people';

export interface UnitRow {
  id: string;
  parentId: string | null;
  kind: string;
  name: string;
  shortName: string | null;
  purpose: string | null;
  aliases: string[];
  position: number;
}

export async function listUnits(db: Kysely<DB>, institutionId: string): Promise<UnitRow[]> {
  const rows = await db
    .selectFrom('org_unit')
    .selectAll()
    .where('institution_id', '=', institutionId)
    .orderBy('position')
    .orderBy('name')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    parentId: r.parent_id,
    kind: r.kind,
    name: r.name,
    shortName: r.short_name,
    purpose: r.purpose,
    aliases: JSON.parse(r.aliases) as string[],
    position: r.position,
  }));
}

export function toUnitRefs(units: UnitRow[]): UnitRef[] {
  return units.map((u) => ({ id: u.id, name: u.name, shortName: u.shortName, aliases: u.aliases }));
}

export interface PersonRow extends PersonRef {
  email: string | null;
  jobTitle: string | null;
  unitId: string | null;
  unitName: string | null;
  actionCount: number;
}

export async function listPeople(db: Kysely<DB>, institutionId: string): Promise<PersonRow[]> {
  const rows = await db
    .selectFrom('person')
    .leftJoin('org_unit', 'org_unit.id', 'person.unit_id')
    .select([
      'person.id',
      'person.display_name',
      'person.family_name',
      'person.initials',
      'person.email',
      'person.job_title',
      'person.unit_id',
      'org_unit.name as unit_name',
    ])
    .where('person.institution_id', '=', institutionId)
    .orderBy('person.family_name')
    .orderBy('person.display_name')
    .execute();
  const counts = await db
    .selectFrom('action_pilot')
    .innerJoin('person', 'person.id', 'action_pilot.person_id')
    .select(['action_pilot.person_id', (eb) => eb.fn.count<number>('action_pilot.action_id').distinct().as('n')])
    .where('person.institution_id', '=', institutionId)
    .groupBy('action_pilot.person_id')
    .execute();
  const byPerson = new Map(counts.map((c) => [c.person_id, Number(c.n)]));
  return rows.map((r) => ({
    id: r.id,
    displayName: r.display_name,
    familyName: r.family_name,
    initials: r.initials,
    email: r.email,
    jobTitle: r.job_title,
    unitId: r.unit_id,
    unitName: r.unit_name,
    actionCount: byPerson.get(r.id) ?? 0,
  }));
}

export async function listTeams(db: Kysely<DB>, institutionId: string) {
  const teams = await db
    .selectFrom('team')
    .selectAll()
    .where('institution_id', '=', institutionId)
    .orderBy('name')
    .execute();
  const members = await db
    .selectFrom('team_member')
    .innerJoin('team', 'team.id', 'team_member.team_id')
    .innerJoin('person', 'person.id', 'team_member.person_id')
    .select(['team_member.team_id', 'person.id', 'person.display_name'])
    .where('team.institution_id', '=', institutionId)
    .execute();
  return teams.map((t) => ({
    id: t.id,
    name: t.name,
    unitId: t.unit_id,
    members: members.filter((m) => m.team_id === t.id).map((m) => ({ id: m.id, displayName: m.display_name })),
  }));
}

export async function listWorkingGroups(db: Kysely<DB>, institutionId: string) {
  const groups = await db
    .selectFrom('working_group')
    .selectAll()
    .where('institution_id', '=', institutionId)
    .orderBy('kind', 'desc')
    .orderBy('name')
    .execute();
  const members = await db
    .selectFrom('working_group_member')
    .innerJoin('working_group', 'working_group.id', 'working_group_member.group_id')
    .innerJoin('person', 'person.id', 'working_group_member.person_id')
    .leftJoin('org_unit', 'org_unit.id', 'working_group_member.unit_id')
    .select([
      'working_group_member.group_id',
      'working_group_member.role',
      'person.id as person_id',
      'person.display_name',
      'org_unit.name as unit_name',
    ])
    .where('working_group.institution_id', '=', institutionId)
    .orderBy('working_group_member.role')
    .orderBy('org_unit.name')
    .execute();
  return groups.map((g) => ({
    id: g.id,
    kind: g.kind,
    name: g.name,
    purpose: g.purpose,
    members: members
      .filter((m) => m.group_id === g.id)
      .map((m) => ({ personId: m.person_id, displayName: m.display_name, role: m.role, unitName: m.unit_name })),
  }));
}

export async function listPersonRefs(db: Kysely<DB>, institutionId: string): Promise<PersonRef[]> {
  const rows = await db
    .selectFrom('person')
    .select(['id', 'family_name', 'initials', 'display_name'])
    .where('institution_id', '=', institutionId)
    .execute();
  return rows.map((r) => ({ id: r.id, familyName: r.family_name, initials: r.initials, displayName: r.display_name }));
}

export async function findInstitution(db: Kysely<DB>, institutionId: string) {
  return db.selectFrom('institution').selectAll().where('id', '=', institutionId).executeTakeFirst();
}

export async function findPerson(db: Kysely<DB>, institutionId: string, personId: string) {
  return db
    .selectFrom('person')
    .leftJoin('org_unit', 'org_unit.id', 'person.unit_id')
    .selectAll('person')
    .select(['org_unit.name as unit_name'])
    .where('person.id', '=', personId)
    .where('person.institution_id', '=', institutionId)
    .executeTakeFirst();
}

export interface PilotedAction {
  actionId: string;
  title: string;
  status: string;
  planId: string;
  planTitle: string;
  /** Planned end, yyyy-mm-dd, when the plan gives one. */
  endDate: string | null;
  /** Set when the person pilots the action through one of their teams. */
  teamName: string | null;
}

/** The actions a person pilots in every plan, alone or through one of their teams, in plan order. */
export async function listPilotedActions(
  db: Kysely<DB>,
  institutionId: string,
  personId: string,
): Promise<PilotedAction[]> {
  const rows = await db
    .selectFrom('action_pilot')
    .innerJoin('action', 'action.id', 'action_pilot.action_id')
    .innerJoin('plan', 'plan.id', 'action.plan_id')
    .leftJoin('team', 'team.id', 'action_pilot.team_id')
    .select([
      'action.id',
      'action.title',
      'action.status',
      'action.end_date',
      'action.position',
      'plan.id as plan_id',
      'plan.title as plan_title',
      'plan.start_year',
      'team.name as team_name',
    ])
    .where('plan.institution_id', '=', institutionId)
    .where((eb) =>
      eb.or([
        eb('action_pilot.person_id', '=', personId),
        eb(
          'action_pilot.team_id',
          'in',
          eb.selectFrom('team_member').select('team_id').where('person_id', '=', personId),
        ),
      ]),
    )
    .orderBy('plan.start_year', 'desc')
    .orderBy('plan.title')
    .orderBy('action.position')
    .execute();
  const seen = new Set<string>();
  return rows
    .filter((r) => !seen.has(r.id) && seen.add(r.id))
    .map((r) => ({
      actionId: r.id,
      title: r.title,
      status: r.status,
      planId: r.plan_id,
      planTitle: r.plan_title,
      endDate: r.end_date,
      teamName: r.team_name,
    }));
}

/** How many actions each person pilots directly, per plan: the people list links to each plan filtered by pilot. */
export async function listPilotCountsByPlan(db: Kysely<DB>, institutionId: string) {
  const rows = await db
    .selectFrom('action_pilot')
    .innerJoin('action', 'action.id', 'action_pilot.action_id')
    .innerJoin('plan', 'plan.id', 'action.plan_id')
    .select([
      'action_pilot.person_id',
      'plan.id as plan_id',
      (eb) => eb.fn.count<number>('action_pilot.action_id').distinct().as('n'),
    ])
    .where('plan.institution_id', '=', institutionId)
    .where('action_pilot.person_id', 'is not', null)
    .groupBy(['action_pilot.person_id', 'plan.id'])
    .execute();
  return rows.map((r) => ({ personId: r.person_id as string, planId: r.plan_id, count: Number(r.n) }));
}

export async function findSteeringCommittee(db: Kysely<DB>, institutionId: string) {
  return db
    .selectFrom('working_group')
    .selectAll()
    .where('institution_id', '=', institutionId)
    .where('kind', '=', 'steering_committee')
    .orderBy('id')
    .executeTakeFirst();
}
