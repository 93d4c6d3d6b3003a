export interface OrgUnitTable {
  id: string;
  institution_id: string;
  parent_id: string | null;
  kind: string;
  name: string;
  short_name: string | null;
  purpose: string | null;
  /** JSON array of strings. */
  aliases: string;
  position: number;
}

export interface PersonTable {
  id: string;
  institution_id: string;
  display_name: string;
  family_name: string | null;
  initials: string | null;
  email: string | null;
  job_title: string | null;
  unit_id: string | null;
  created_at: string;
}

export interface TeamTable {
  id: string;
  institution_id: string;
  name: string;
  unit_id: string | null;
}

export interface TeamMemberTable {
  team_id: string;
  person_id: string;
}

export interface WorkingGroupTable {
  id: string;
  institution_id: string;
  kind: string;
  name: string;
  purpose: string | null;
}

export interface WorkingGroupMemberTable {
  id: string;
  group_id: string;
  person_id: string;
  role: string;
  unit_id: string | null;
}

export interface PeopleTables {
  org_unit: OrgUnitTable;
  person: PersonTable;
  team: TeamTable;
  team_member: TeamMemberTable;
  working_group: WorkingGroupTable;
  working_group_member: WorkingGroupMemberTable;
}
