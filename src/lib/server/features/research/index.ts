/** Research projects with their SDGs and partners, the plan's "3 SDGs" check, HAL publications and open access. */
export { HAL_IMPORT_SPEC, MAX_HAL_ROWS } from './hal-import';
export type { OpenAccessYear } from './open-access';
export {
  canDeleteProjects,
  canEditProjects,
  canImportPublications,
  centsOfEurosText,
  freePartnersOfText,
  MAX_ACRONYM_LENGTH,
  MAX_DESCRIPTION_LENGTH,
  MAX_TEXT_LENGTH,
  MAX_TITLE_LENGTH,
  MIN_SDGS_PER_PROJECT,
  PROJECT_STATUSES,
  type ProjectFilters,
  type ProjectInput,
  type ProjectStatus,
  projectFiltersSchema,
} from './research';
export { createProject, deleteProject, editProject, type ProjectErrorCode } from './research.service';
/** Loads the demo's projects and HAL publications into the demo institution. */
export { loadResearchDemo } from './research-demo';
export {
  exportResearch,
  RESEARCH_EXPORT_FORMATS,
  RESEARCH_EXPORT_KINDS,
  type ResearchExportFormat,
  type ResearchExportKind,
} from './research-export';
export { RESEARCH_INDICATOR_SOURCES, RESEARCH_SEED_INDICATOR_LINKS } from './research-indicators';
export {
  getOpenAccessPage,
  getProjectFormOptions,
  getProjectPage,
  getResearchListPage,
  getSdgCheckPage,
  type ProjectView,
} from './research-pages.service';
