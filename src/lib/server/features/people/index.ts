/** Institution structure: units in a tree, people, teams, the steering committee and working groups. */
export {
  displayNameOf,
  isUnitKind,
  matchKey,
  matchPerson,
  matchUnit,
  type PersonRef,
  UNIT_KINDS,
  type UnitKind,
  type UnitRef,
} from './people';
export {
  findInstitution,
  listPeople,
  listPersonRefs,
  listTeams,
  listUnits,
  listWorkingGroups,
  type PersonRow,
  toUnitRefs,
  type UnitRow,
} from './people.queries';
export { createPerson, createUnit, type PersonInput, personInputSchema, type UnitInput, unitInputSchema } from './people.service';
