/** Teaching programmes and courses, their RES marking with evidence, students' feedback, files and demo. */
export {
  addCourse,
  type CoursePage,
  deleteCourse,
  editCourse,
  getCoursePage,
  recordFeedback,
} from './courses.service';
export {
  createProgramme,
  deleteProgramme,
  editProgramme,
  getProgrammePage,
  getTeachingOverview,
  listDepartments,
  type ProgrammeListItem,
  type ProgrammePage,
  type TeachingOverview,
  type TeachingResult,
} from './programmes.service';
export {
  academicYearLabel,
  canDeleteTeaching,
  canEditTeaching,
  hoursOfMinutes,
  MAX_EVIDENCE_LENGTH,
  MAX_NAME_LENGTH,
  MAX_SEMESTER_LENGTH,
  MAX_URL_LENGTH,
  RES_PROGRAMME_TARGET_PERCENT,
  TEACHING_LEVELS,
  type TeachingLevel,
} from './teaching';
export { loadTeachingDemo, TEACHING_DEMO_FILE } from './teaching-demo';
export { exportTeaching, TEACHING_EXPORT_FORMATS, type TeachingExportFormat } from './teaching-export';
export type { CourseFields, CourseInput, FeedbackInput, ProgrammeFields, ProgrammeInput } from './teaching-forms';
export { TEACHING_IMPORT_SPEC } from './teaching-import';
export { TEACHING_INDICATOR_SOURCES, TEACHING_SEED_INDICATOR_LINKS } from './teaching-indicators';
