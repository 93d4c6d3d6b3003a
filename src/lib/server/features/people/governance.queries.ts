import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { listUnits, listWorkingGroups } from './people.queries';
import { editStampOf } from './people.service';

export interface GroupMemberView {
  memberId: string;
  personId: string;
  displayName: string;
  role: string;
  unitId: string | null;
  unitName: string | null;
}

export interface WorkingGroupView {
  id: string;
  kind: string;
  name: string;
  purpose: string | null;
  members: GroupMemberView[];
}

export interface DirectorateSeat {
  unitId: string;
  unitName: string;
  shortName: string | null;
  referent: { personId: string; displayName: string } | null;
}

export interface GovernanceView {
  institution: {
    id: string;
    name: string;
    purposeStatement: string | null;
    ambition: string | null;
    values: string | null;
    /** Edit stamp carried by the profile form (see editStampOf). */
    stamp: string;
  };
  committee: (WorkingGroupView & { chairs: GroupMemberView[]; seats: DirectorateSeat[] }) | null;
  groups: WorkingGroupView[];
  referentCount: number;
}

async function listGroupsWithMembers(db: Kysely<DB>, institutionId: string): Promise<WorkingGroupView[]> {
  const groups = await listWorkingGroups(db, institutionId);
  const members = await db
    .selectFrom('working_group_member')
    .innerJoin('working_group', 'working_group.id', 'working_group_member.group_id')
    .innerJoin('person', 'person.id', 'working_group_member.person_id')
    .leftJoin('org_unit', 'org_unit.id', 'working_group_member.unit_id')
    .select([
      'working_group_member.id',
      'working_group_member.group_id',
      'working_group_member.role',
      'working_group_member.unit_id',
      'person.id as person_id',
      'person.display_name',
      'org_unit.name as unit_name',
    ])
    .where('working_group.institution_id', '=', institutionId)
    .orderBy('person.display_name')
    .execute();
  return groups.map((g) => ({
    id: g.id,
    kind: g.kind,
    name: g.name,
    purpose: g.purpose,
    members: members
      .filter((m) => m.group_id === g.id)
      .map((m) => ({
        memberId: m.id,
        personId: m.person_id,
        displayName: m.display_name,
        role: m.role,
        unitId: m.unit_id,
        unitName: m.unit_name,
      })),
  }));
}

/**
 * The institution's governance in one read: its profile, the steering
 * committee with one seat per directorate (empty seats shown), and the
 * working groups with their members.
 */
export async function loadGovernance(db: Kysely<DB>, institutionId: string): Promise<GovernanceView | undefined> {
  const institution = await db.selectFrom('institution').selectAll().where('id', '=', institutionId).executeTakeFirst();
  if (!institution) return undefined;
  const [groups, units, stamp] = await Promise.all([
    listGroupsWithMembers(db, institutionId),
    listUnits(db, institutionId),
    editStampOf(db, 'institution', institutionId, institution.created_at),
  ]);
  const committeeGroup = groups.find((g) => g.kind === 'steering_committee');
  const referents = committeeGroup?.members.filter((m) => m.role === 'referent') ?? [];
  const directorates = units.filter((u) => u.kind === 'directorate');
  const seatOf = (unitId: string) => referents.find((r) => r.unitId === unitId);
  const seats: DirectorateSeat[] = directorates.map((u) => {
    const r = seatOf(u.id);
    return {
      unitId: u.id,
      unitName: u.name,
      shortName: u.shortName,
      referent: r ? { personId: r.personId, displayName: r.displayName } : null,
    };
  });
  // A referent may sit for a unit that is no longer a directorate: still shown, never hidden.
  for (const r of referents) {
    if (!directorates.some((u) => u.id === r.unitId)) {
      const unit = units.find((u) => u.id === r.unitId);
      seats.push({
        unitId: r.unitId ?? '',
        unitName: r.unitName ?? '—',
        shortName: unit?.shortName ?? null,
        referent: { personId: r.personId, displayName: r.displayName },
      });
    }
  }
  return {
    institution: {
      id: institution.id,
      name: institution.name,
      purposeStatement: institution.purpose_statement,
      ambition: institution.ambition,
      values: institution.values_text,
      stamp,
    },
    committee: committeeGroup
      ? { ...committeeGroup, chairs: committeeGroup.members.filter((m) => m.role === 'chair'), seats }
      : null,
    groups: groups.filter((g) => g.kind !== 'steering_committee'),
    referentCount: referents.length,
  };
}
