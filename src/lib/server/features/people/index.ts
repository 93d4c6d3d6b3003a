/** Institution structure: units in a tree, people, teams, the steering committee and working groups. */

export {
  type DirectorateSeat,
  type GovernanceView,
  type GroupMemberView,
  loadGovernance,
  type WorkingGroupView,
} from './governance.queries';
export {
  createWorkingGroup,
  type InstitutionProfileInput,
  institutionProfileSchema,
  type ReferentInput,
  referentInputSchema,
  setCommitteeChair,
  setDirectorateReferent,
  updateInstitutionProfile,
  type WorkingGroupInput,
  workingGroupInputSchema,
} from './governance.service';
export {
  addGroupMember,
  type GroupMemberInput,
  groupMemberInputSchema,
  removeGroupMember,
} from './group-members.service';
export {
  buildUnitTree,
  displayNameOf,
  GROUP_ROLES,
  type GroupRole,
  isUnitKind,
  matchKey,
  matchPerson,
  matchUnit,
  type PersonRef,
  type TreeNode,
  UNIT_KINDS,
  type UnitKind,
  type UnitRef,
  WORKING_GROUP_KINDS,
  type WorkingGroupKind,
} from './people';
export {
  findInstitution,
  findPerson,
  listPeople,
  listPersonRefs,
  listPilotCountsByPlan,
  listPilotedActions,
  listTeams,
  listUnits,
  listWorkingGroups,
  type PersonRow,
  type PilotedAction,
  toUnitRefs,
  type UnitRow,
} from './people.queries';
export {
  createPerson,
  createUnit,
  getPersonPage,
  type PersonEditError,
  type PersonInput,
  type PersonPage,
  personInputSchema,
  type UnitInput,
  unitInputSchema,
  updatePerson,
} from './people.service';
