/** Awareness sessions and training: sessions, attendance, facilitators, headcounts, coverage, imports, export, demo. */

export { checkInParticipant, removeParticipant, setAnonymousCount, setAnonymousCounts } from './attendance.service';
export {
  academicYearChoices,
  canEditSession,
  canManageAwareness,
  canRecordSessions,
  MAX_NAME_LENGTH,
  MAX_PROGRAMME_LENGTH,
  MAX_TEXT_LENGTH,
  MAX_TITLE_LENGTH,
  POPULATION_GROUPS,
  POPULATION_KEYS,
  POPULATIONS,
  type PopulationKey,
  parseCount,
  SESSION_TYPE_KEYS,
  STUDY_POPULATIONS,
} from './awareness';
export { loadAwarenessDemo } from './awareness-demo';
export {
  AWARENESS_EXPORT_CONTENTS,
  AWARENESS_EXPORT_FORMATS,
  type AwarenessExportContent,
  type AwarenessExportFormat,
  exportAwareness,
} from './awareness-export';
export { ATTENDANCE_IMPORT_SPEC, HEADCOUNT_IMPORT_SPEC } from './awareness-import';
export { AWARENESS_INDICATOR_SOURCES, AWARENESS_SEED_INDICATOR_LINKS } from './awareness-indicators';
export {
  getSessionDetail,
  getSessionForm,
  getSessionsList,
  listEditableSessions,
  type SessionDetail,
  type SessionSummary,
  type SessionTypeOption,
} from './awareness-pages.service';
export type { CoverageRow } from './coverage';
export { getCoverage, getHeadcountsPage, setHeadcount } from './coverage.service';
export { addFacilitator, getFacilitatorsPage, removeFacilitator } from './facilitators.service';
export { countsOf, readSessionForm, type SessionFormValues } from './session-form';
export { addCustomType } from './session-types.service';
export { deleteSession, recordSession, updateSession } from './sessions.service';
